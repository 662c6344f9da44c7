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
if let error = FileWriter.writeWhole(output.body, to: 1) {
  if error == EPIPE { exit(output.exitCode.rawValue) }
  let reason = String(cString: strerror(error)).lowercased()
  output.stderr += "error: cannot write to standard output: \(reason)\n"
  output.exitCode = .ioError
}
_ = FileWriter.writeAll(output.stderr, to: 2)
exit(output.exitCode.rawValue)
