import NetCost

/// `netcost graph <network> -o FILE.svg|FILE.html|FILE.dot`: the network as a layered graph.
enum GraphCommand {
  /// What `graph` writes; `-o`'s extension picks one when `--format` is not given.
  enum Format: String, CaseIterable {
    case svg, html, dot
  }

  static let info = CommandInfo(
    name: Subcommand.graph.name,
    abstract: "Draw a network as a graph of its layers: an SVG picture, an HTML page or dot.",
    usage: "netcost graph <network> [--alpha <value>] [--resolution <value>] "
      + "[--input <h>x<w>x<c>] [--set <name>=<value> ...] [--skip <type> ...] "
      + "[--color <metric>] [--device <name>] [--format <format>] [-o <file>]",
    arguments: [
      .init(
        name: "network",
        text: "A built-in network, a spec file or a model file (ONNX, Caffe, Keras).")
    ],
    options: [
      Options.alphaHelp, Options.resolutionHelp, Options.inputHelp, Options.setHelp,
      Options.skipHelp,
      .init(
        names: ["--color"], value: "<metric>",
        text: "Colour each row by its share of macs (the default), memory, params or time\n"
          + "(the roofline's, which needs '--device')."),
      Options.deviceHelp,
      .init(
        names: ["--format"], value: "<format>",
        text: "svg, html (the SVG in a page that zooms and pans) or dot (default: the\n"
          + "extension of '-o', else svg)."),
      .init(
        names: ["-o", "--output"], value: "<file>",
        text: "Write the graph to a file instead of standard output."),
    ],
    examples: [
      "netcost graph googlenet -o googlenet.svg",
      "netcost graph resnet50 --color memory -o resnet50.html",
      "netcost graph mobilenet --color time --device t4 -o mobilenet.html",
      "netcost graph model.onnx --format dot",
    ])

  static func run(_ arguments: inout Arguments, context: Context) throws(UsageError) -> Output {
    var overrides = try AnalyzeCommand.parameterValues(&arguments)
    let input = try Options.input(&arguments, into: &overrides, command: info.name)
    let skip = try Options.skip(&arguments)
    let metric = try Options.choice("--color", GraphMetric.self, &arguments) ?? .macs
    let device = try Options.device(&arguments)
    let format = try format(&arguments)
    guard let target = arguments.positional() else {
      throw UsageError.missing("network", command: info.name)
    }
    try arguments.finish(knownOptions: info.optionNames)
    if metric == .time && device == nil {
      throw UsageError(
        message: "'--color time' colours by the roofline's time, which needs '--device'",
        help: "for example '--device t4'", command: info.name)
    }
    let spec = try SpecCatalog.spec(target, context: context, command: info.name, skipping: skip)
    try Options.checkImportOptions(
      spec, input: input != nil, skip: !skip.isEmpty, command: info.name)
    var graph: LayerGraph
    switch try Report.unwrap(
      Pipeline.graph(spec, overrides: overrides), source: spec.source, context: context,
      command: info.name)
    {
    case .success(let value): graph = value
    case .failure(let failure): return failure.output
    }
    if let device {
      guard let roofline = Roofline(graph.analysis, device: device) else {
        throw UsageError(
          message: device.peak[.fp32] == nil
            ? "'\(device.name)' has no fp32 peak in its data sheet"
            : "the bytes a row moves do not fit in 64 bits", command: info.name)
      }
      graph.analysis.roofline = roofline
    }
    let stdout =
      switch format {
      case .svg: GraphSVG.render(graph, color: metric)
      case .html: GraphHTML.render(graph, color: metric)
      case .dot: GraphDot.render(graph, color: metric)
      }
    return Output(stdout: stdout)
  }

  /// `--format`, else the extension of `-o`'s file, else SVG. A file named otherwise needs
  /// `--format`: an SVG written to `graph.png` would be a surprise.
  static func format(_ arguments: inout Arguments) throws(UsageError) -> Format {
    if let format = try Options.choice("--format", Format.self, &arguments) { return format }
    guard let file = arguments.outputFile, file != "-" else { return .svg }
    let name = file.split(separator: "/").last.map(String.init) ?? file
    let dot = name.lastIndex(of: ".")
    let suffix = dot.map { String(name[name.index(after: $0)...]).lowercased() } ?? ""
    if let format = Format(rawValue: suffix == "htm" ? "html" : suffix) { return format }
    throw UsageError(
      message: "cannot tell the format from '-o \(file)'",
      help: "name the file .svg, .html or .dot, or give '--format svg', 'html' or 'dot'",
      command: info.name)
  }
}
