import NetCost

/// `netcost convert <file> [--skip TYPE]… [-o model.netspec]`
enum ConvertCommand {
  static let info = CommandInfo(
    name: Subcommand.convert.name,
    abstract: "Write a Caffe, Keras or ONNX model (or any spec) in netcost's spec language.",
    usage: "netcost convert <network> [--input <h>x<w>x<c>] [--skip <type> ...] [-o <file>]",
    arguments: [
      .init(
        name: "network",
        text: "A Caffe prototxt, a Keras model's JSON or .keras archive, a spec file or a\n"
          + "built-in network (written out with its blocks and loops expanded).")
    ],
    options: [Options.inputHelp, Options.skipHelp, Options.outputHelp],
    examples: [
      "netcost convert deploy.prototxt -o squeezenet.netspec",
      "netcost convert model.keras",
      "netcost convert dynamic.onnx --input 224x224x3",
    ])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    // A model whose input leaves a side open is written at the size given here.
    var overrides: [String: Double] = [:]
    let input = try Options.input(&arguments, into: &overrides, command: info.name)
    let skip = try Options.skip(&arguments)
    guard let target = arguments.positional() else {
      throw UsageError.missing("network", command: info.name)
    }
    try arguments.finish(knownOptions: info.optionNames)
    let spec = try SpecCatalog.spec(target, context: context, command: info.name, skipping: skip)
    let source = spec.source
    try Options.checkImportOptions(
      spec, input: input != nil, skip: !skip.isEmpty, command: info.name)
    switch try Report.unwrap(
      Pipeline.resolve(spec, overrides: overrides), source: source, context: context,
      command: info.name)
    {
    case .success(let network):
      return Output { [name = source.name] out in SpecWriter.write(network, from: name, into: &out)
      }
    case .failure(let failure):
      return failure.output
    }
  }
}
