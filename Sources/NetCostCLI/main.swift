import NetCost

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let context = Context.live()
var output = CLI.deliver(
  CLI.run(Array(CommandLine.arguments.dropFirst()), context: context),
  context: context)
// A failed write to standard output is an error (exit 74), except a closed pipe (`| head`), which
// ends the run quietly as the pipe's reader wanted. A stream is written as it is made; after a
// failure the rest of it is not.
var failure: Int32?
switch output.body {
case .text(let text): failure = FileWriter.writeAllReportingError(text, to: 1)
case .stream(let stream):
  var writer = TextWriter { bytes in
    guard failure == nil else { return }
    failure = FileWriter.writeAllReportingError(bytes, to: 1)
  }
  stream(&writer)
  writer.finish()
}
if let error = failure {
  if error == EPIPE { exit(output.exitCode.rawValue) }
  let reason = String(cString: strerror(error)).lowercased()
  output.stderr += "error: cannot write to standard output: \(reason)\n"
  output.exitCode = .ioError
}
_ = FileWriter.writeAll(output.stderr, to: 2)
exit(output.exitCode.rawValue)
