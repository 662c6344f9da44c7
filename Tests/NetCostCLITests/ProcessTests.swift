import Foundation
import Testing

/// The built `netcost` binary as a process, for what only a process shows: how it writes to a
/// standard output that fails (issue 10, item 10). The binary is the one `swift build` made
/// beside this test bundle.
@Suite struct ProcessTests {
  static var binary: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("netcost").path
  }

  /// Runs the binary with standard output on `stdout`; the exit status and standard error.
  static func run(_ arguments: [String], stdout: FileHandle) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.standardOutput = stdout
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }

  /// `netcost mobilenet > /dev/full` exited 0 with nothing said: a failed write is exit 74.
  @Test func aFullDiskIsAnError() throws {
    let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
    let (status, errors) = try Self.run(["mobilenet"], stdout: full)
    #expect(status == 74)
    #expect(errors == "error: cannot write to standard output: no space left on device\n")
  }

  /// A closed pipe ends the run quietly: killed by SIGPIPE as any filter is, or, with SIGPIPE
  /// ignored (the shell's `trap '' PIPE`, which `exec` keeps), exit 0 with nothing said, where
  /// the write errors used to be ignored.
  @Test func aClosedPipeIsQuiet() throws {
    let pipe = Pipe()
    try pipe.fileHandleForReading.close()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "trap '' PIPE; exec \"$0\" vgg16", Self.binary]
    process.standardOutput = pipe.fileHandleForWriting
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(text == "")
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 0)
  }
}
