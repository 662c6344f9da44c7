/// A spec's text and the name it is reported under (a path, or `<builtin>/mobilenet.netspec`).
///
/// The library never reads files: the CLI hands it `SourceFile` values.
public struct SourceFile: Sendable, Hashable {
  public var name: String
  /// The text's UTF-8, as the lexers and readers scan it: a file's bytes as they were read, with
  /// no `String` made of them (a Keras model is hundreds of kilobytes, and on a virtual machine
  /// each 4 KiB copied costs a page fault).
  public let utf8: [UInt8]
  /// Where each line starts, as offsets into the text's UTF-8: diagnostics quote a line without
  /// re-scanning, and a file is scanned as bytes, once (every run reads a built-in spec).
  private let lineStarts: [Int]
  /// Where each line ends, before its line break.
  private let lineEnds: [Int]

  /// A binary file (an ONNX model) stands for itself: its diagnostics name the file, and say in
  /// their message where in the model the problem is, with no line to quote.
  public static func binary(name: String) -> SourceFile {
    var file = SourceFile(name: name, text: "")
    file.isBinary = true
    return file
  }

  public private(set) var isBinary = false

  /// The whole text, made when asked for (tests, and tools that rewrite a source).
  public var text: String { String(decoding: utf8, as: UTF8.self) }

  /// A file's bytes as its text, or nil where they are not UTF-8.
  public init?(name: String, utf8 bytes: [UInt8]) {
    guard Self.isUTF8(bytes) else { return nil }
    self.init(name: name, validated: bytes)
  }

  /// Validated in place where the standard library can (Swift 6.2's `UTF8Span`; on Apple's
  /// systems from their 26 releases), else by making a `String` of the bytes.
  private static func isUTF8(_ bytes: [UInt8]) -> Bool {
    #if compiler(>=6.2)
      if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) {
        return (try? UTF8Span(validating: bytes.span)) != nil
      }
    #endif
    return String(validating: bytes, as: UTF8.self) != nil
  }

  /// A leading byte-order mark is dropped; lines end at LF, CRLF or a lone CR, as the lexer's do.
  public init(name: String, text: String) {
    self.init(name: name, validated: Array(text.utf8))
  }

  private init(name: String, validated bytes: [UInt8]) {
    self.name = name
    utf8 = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    var starts = [0]
    var ends: [Int] = []
    utf8.withUnsafeBufferPointer { bytes in
      var offset = 0
      while offset < bytes.count {
        // Eight bytes at a time where none breaks a line: a Keras model is 169 KB on one line.
        if offset + 8 <= bytes.count, let base = bytes.baseAddress,
          !Self.holdsLineBreak(UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
        {
          offset += 8
          continue
        }
        let byte = bytes[offset]
        if byte == 0x0A || byte == 0x0D {
          if byte == 0x0A, offset > 0, bytes[offset - 1] == 0x0D {
            starts[starts.count - 1] = offset + 1  // the LF of a CRLF: the line ended at its CR
          } else {
            ends.append(offset)
            starts.append(offset + 1)
          }
        }
        offset += 1
      }
      ends.append(bytes.count)
    }
    lineStarts = starts
    lineEnds = ends
  }

  private static func holdsLineBreak(_ word: UInt64) -> Bool {
    ByteWord.contains(word, 0x0A) || ByteWord.contains(word, 0x0D)
  }

  /// The text of 1-based line `number`, or nil past the end.
  public func line(_ number: Int) -> String? {
    guard number >= 1 && number <= lineStarts.count else { return nil }
    return String(decoding: utf8[lineStarts[number - 1]..<lineEnds[number - 1]], as: UTF8.self)
  }
}

extension SourceFile {
  /// `Specs/mobilenet.netspec` → `mobilenet`: the network's name when the spec gives none.
  package var baseName: String {
    let file = name.split(separator: "/").last.map(String.init) ?? name
    if let dot = file.lastIndex(of: "."), dot > file.startIndex { return String(file[..<dot]) }
    return file
  }
}
