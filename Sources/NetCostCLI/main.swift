#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes all of `text` to a file descriptor, retrying short writes.
func write(_ text: String, to descriptor: Int32) {
  var bytes = Array(text.utf8)[...]
  while !bytes.isEmpty {
    let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    if written <= 0 { return }
    bytes = bytes.dropFirst(written)
  }
}

let context = Context.live()
let output = CLI.deliver(
  CLI.run(Array(CommandLine.arguments.dropFirst()), context: context),
  context: context)
write(output.stdout, to: 1)
write(output.stderr, to: 2)
exit(output.exitCode.rawValue)
