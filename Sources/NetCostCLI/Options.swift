import NetCost

/// Option values shared by the commands: the output format and parameter values.
enum Options {
  enum Format: String, CaseIterable {
    case table, json, markdown, csv
  }

  static let formatHelp = CommandInfo.Option(
    names: ["--format"], value: "<format>",
    text: "table, json, markdown or csv (default: table).")

  /// Handled for every command by `CLI`: the output goes to a file, written atomically.
  static let outputHelp = CommandInfo.Option(
    names: ["-o", "--output"], value: "<file>",
    text: "Write the output to a file instead of standard output.")

  /// `--convention NAME` or `--flops` (short for `--convention flops`): how MACs are counted.
  static func convention(_ arguments: inout Arguments) throws(UsageError) -> Convention {
    let flops = arguments.flag("--flops")
    guard let convention = try choice("--convention", Convention.self, &arguments) else {
      return flops ? .flops : .paper
    }
    if flops && convention != .flops {
      throw UsageError(
        message: "'--flops' and '--convention \(convention.rawValue)' cannot be combined",
        help: "'--flops' is short for '--convention flops'", command: arguments.command)
    }
    return convention
  }

  static let alphaHelp = CommandInfo.Option(
    names: ["--alpha"], value: "<value>",
    text: "The width multiplier α (the same as '--set alpha=<value>').")
  static let resolutionHelp = CommandInfo.Option(
    names: ["--resolution"], value: "<value>",
    text: "The input resolution (the same as '--set resolution=<value>').")
  static let setHelp = CommandInfo.Option(
    names: ["--set"], value: "<name>=<value>",
    text: "Set any parameter the spec declares; repeatable.")

  static let conventionHelp = CommandInfo.Option(
    names: ["--convention"], value: "<name>",
    text: "Count MACs as a tool does: "
      + Convention.allCases.map(\.rawValue).joined(separator: ", ")
      + " (paper is the default).")
  static let flopsHelp = CommandInfo.Option(
    names: ["--flops"], value: nil,
    text: "Count FLOPs: 2 per MAC plus 1 per elementwise operation ('--convention flops').")

  static let memoryHelp: [CommandInfo.Option] = [
    .init(
      names: ["--memory"], value: "<policy>",
      text: "Walk the activations' lifetimes: ideal (every elementwise layer in place) or\n"
        + "pytorch (eager PyTorch's allocations); adds live bytes per row and the peak."),
    .init(
      names: ["--optimizer"], value: "<name>",
      text: "Add a training step's memory with sgd, momentum or adam (PyTorch's rules)."),
    .init(
      names: ["--batch"], value: "<n>", text: "Images per batch in every byte count (default: 1)."),
    .init(
      names: ["--dtype"], value: "<type>",
      text: "fp32, fp16, bf16 or int8: bytes per activation and weight (default: fp32)."),
  ]

  /// A decimal number as typed (`2.5`, `1e9`): Swift's `Double("0x10")` also reads hexadecimal,
  /// which no byte count or rate on the command line means.
  static func decimal(_ text: String) -> Double? {
    guard text.allSatisfy({ "0123456789.eE+-".contains($0) }) else { return nil }
    return Double(text)
  }

  static let workspaceHelp = CommandInfo.Option(
    names: ["--workspace"], value: "<bytes>",
    text: "A workspace you know (cuDNN's convolution workspace, or its cap: 512MB) added\n"
      + "to the peak of '--memory'; netcost does not predict cuDNN's choice.")

  /// `--workspace 512MB`: what the user knows the framework takes besides tensors; it adds to a
  /// memory walk's peak, so it needs one.
  static func workspace(
    _ arguments: inout Arguments, into settings: inout MemorySettings
  ) throws(UsageError) {
    guard let text = try arguments.value("--workspace") else { return }
    let bytes = try amount(text, bytes: true, option: "--workspace", command: arguments.command)
    guard bytes <= MemorySettings.maximumWorkspace else {
      throw UsageError(
        message: "'--workspace' takes at most "
          + NumberFormat.grouped(MemorySettings.maximumWorkspace) + " bytes (1 PiB), got '\(text)'",
        command: arguments.command)
    }
    guard settings.policy != nil else {
      throw UsageError(
        message: "'--workspace' adds to the peak of a memory walk",
        help: "add '--memory pytorch' (or ideal)", command: arguments.command)
    }
    settings.workspace = bytes
  }

  /// `--memory`, `--optimizer`, `--batch` and `--dtype`.
  static func memory(_ arguments: inout Arguments) throws(UsageError) -> MemorySettings {
    var settings = MemorySettings()
    settings.policy = try choice("--memory", MemoryPolicy.self, &arguments)
    settings.optimizer = try choice("--optimizer", Optimizer.self, &arguments)
    settings.dtype = try choice("--dtype", DataType.self, &arguments) ?? .fp32
    if let text = try arguments.value("--batch") {
      guard let batch = Int(text), (1...MemorySettings.maximumBatch).contains(batch) else {
        throw UsageError(
          message: "'--batch' takes a whole number from 1 to "
            + NumberFormat.grouped(MemorySettings.maximumBatch) + ", got '\(text)'",
          command: arguments.command)
      }
      settings.batch = batch
    }
    return settings
  }

  /// A budget: `300M`, `1.5G`, `4000000` (counts: K, M, G of 1000), or for bytes `2MB`, `512KB`,
  /// `16GB`, `100B` (KB, MB, GB of 1024, as netcost prints memory). A whole number of units.
  static func amount(
    _ text: String, bytes: Bool, option: String, command: String
  ) throws(UsageError) -> Int {
    let units: [(String, Double)] =
      bytes
      ? [("GB", 1024 * 1024 * 1024), ("MB", 1024 * 1024), ("KB", 1024), ("B", 1)]
      : [("G", 1e9), ("M", 1e6), ("K", 1e3)]
    var number = text
    var scale = 1.0
    for (symbol, value) in units where text.uppercased().hasSuffix(symbol) {
      number = String(text.dropLast(symbol.count))
      scale = value
      break
    }
    let example = bytes ? "'2MB' or '2097152'" : "'300M' or '300000000'"
    guard let value = decimal(number), value.isFinite, value > 0, value * scale < 9.2e18,
      (value * scale).rounded() == value * scale
    else {
      throw UsageError(
        message: "'\(option)' takes a positive amount such as \(example), got '\(text)'",
        command: command)
    }
    return Int(value * scale)
  }

  static let deviceHelp = CommandInfo.Option(
    names: ["--device"], value: "<name>",
    text: "Add each row's roofline bound on "
      + Roofline.Device.named.map(\.name).joined(separator: ", ")
      + ", or on\n'peak=<FLOP/s>,bandwidth=<bytes/s>' (e.g. 'peak=10T,bandwidth=100G').")

  /// `--device h100-sxm` or `--device peak=10T,bandwidth=100G` (decimal K, M, G, T).
  static func device(_ arguments: inout Arguments) throws(UsageError) -> Roofline.Device? {
    guard let text = try arguments.value("--device") else { return nil }
    if let named = Roofline.Device.named.first(where: { $0.name == text }) { return named }
    let names = Roofline.Device.named.map(\.name)
    guard text.contains("=") else {
      throw UsageError(
        message: "'--device' must be one of " + names.map { "'\($0)'" }.joined(separator: ", ")
          + " or 'peak=<FLOP/s>,bandwidth=<bytes/s>', got '\(text)'",
        help: (Suggest.closest(to: text, in: names) ?? names.first { $0.hasPrefix(text) }).map {
          "did you mean '\($0)'?"
        }, command: arguments.command)
    }
    var figures: [String: Double] = [:]
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let (name, value) = try assignment(
        String(part), option: "--device", command: arguments.command)
      guard name == "peak" || name == "bandwidth", figures[name] == nil else {
        throw UsageError(
          message: "'--device' takes 'peak' and 'bandwidth' once each, got '\(name)'",
          command: arguments.command)
      }
      let scales: [Character: Double] = ["K": 1e3, "M": 1e6, "G": 1e9, "T": 1e12]
      let scale = value.last.flatMap { scales[$0] }
      // At least 1 per second: a row's time, bytes or MACs over these, then stays finite.
      guard let number = decimal(scale == nil ? value : String(value.dropLast())),
        number * (scale ?? 1) >= 1, (number * (scale ?? 1)).isFinite
      else {
        throw UsageError(
          message: "'--device \(name)' takes a number of at least 1 such as '10T', got '\(value)'",
          command: arguments.command)
      }
      figures[name] = number * (scale ?? 1)
    }
    guard let peak = figures["peak"], let bandwidth = figures["bandwidth"] else {
      throw UsageError(
        message: "'--device' needs both 'peak' and 'bandwidth', got '\(text)'",
        command: arguments.command)
    }
    return Roofline.Device(
      name: "custom device", source: "peak and bandwidth as given",
      peak: Dictionary(uniqueKeysWithValues: DataType.allCases.map { ($0, peak) }),
      bandwidth: bandwidth)
  }

  /// One of an enumeration's raw values, or a usage error that lists them.
  static func choice<Value: RawRepresentable & CaseIterable>(
    _ option: String, _ type: Value.Type, _ arguments: inout Arguments
  ) throws(UsageError) -> Value? where Value.RawValue == String {
    guard let text = try arguments.value(option) else { return nil }
    if let value = Value(rawValue: text) { return value }
    let names = Value.allCases.map(\.rawValue)
    throw UsageError(
      message: "'\(option)' must be one of " + names.map { "'\($0)'" }.joined(separator: ", ")
        + ", got '\(text)'",
      help: Suggest.closest(to: text, in: names).map { "did you mean '\($0)'?" },
      command: arguments.command)
  }

  static func format(_ arguments: inout Arguments) throws(UsageError) -> Format {
    try choice("--format", Format.self, &arguments) ?? .table
  }

  /// A parameter value: a finite decimal number. A whole number past 2^53, which a double cannot
  /// hold exactly, is refused as typed rather than echoed back as another number.
  /// `--input 224x224x3` (or `224×224×3`): an imported model's input as height, width and
  /// channels, which the model takes as the parameters `height`, `width` and `channels`; a video
  /// model's `--input 16x112x112x3` gives its `depth` (frames) first.
  static func input(_ text: String, command: String) throws(UsageError) -> [String: Double] {
    let parts = text.split(omittingEmptySubsequences: false) { $0 == "x" || $0 == "×" }
    let values = parts.compactMap { Int($0) }.filter { $0 >= 1 }
    guard parts.count == 3 || parts.count == 4, values.count == parts.count else {
      throw UsageError(
        message: "'--input' takes HEIGHTxWIDTHxCHANNELS, or DEPTHxHEIGHTxWIDTHxCHANNELS for a "
          + "video model, got '\(text)'",
        help: "for example '--input 224x224x3' or '--input 16x112x112x3'", command: command)
    }
    let names = (values.count == 4 ? ["depth"] : []) + ["height", "width", "channels"]
    return Dictionary(uniqueKeysWithValues: zip(names, values.map(Double.init)))
  }

  /// `--input`, read into `overrides` beside the `--set` values it must not repeat; the text
  /// given, if any.
  static func input(
    _ arguments: inout Arguments, into overrides: inout [String: Double], command: String
  ) throws(UsageError) -> String? {
    guard let text = try arguments.value("--input") else { return nil }
    for (name, value) in try input(text, command: command) {
      guard overrides[name] == nil else {
        throw UsageError(
          message: "'--input' and '--set \(name)' both set the \(name)", command: command)
      }
      overrides[name] = value
    }
    return text
  }

  /// `--skip TYPE`, repeatable: imported layer types to count as nothing.
  static func skip(_ arguments: inout Arguments) throws(UsageError) -> Set<String> {
    Set(try arguments.values("--skip"))
  }

  static let skipHelp = CommandInfo.Option(
    names: ["--skip"], value: "<type>",
    text: "Count an imported model's layers of this type (an ONNX operator's op_type, or\n"
      + "domain::op_type outside the default domain) as nothing: each passes its input\n"
      + "through (the output says so); repeatable.")

  static let inputHelp = CommandInfo.Option(
    names: ["--input"], value: "<h>x<w>x<c>",
    text:
      "An imported model's input size: its parameters height, width and channels (a\nvideo model's depth first: <d>x<h>x<w>x<c>)."
  )

  /// Refuses `--input` and `--skip` for a spec, which has its own parameters and no foreign
  /// layer types.
  static func checkImportOptions(
    _ spec: Pipeline.ParsedSpec, input: Bool, skip: Bool, command: String
  ) throws(UsageError) {
    try checkImportOptions([spec], input: input, skip: skip, command: command)
  }

  /// For commands of several networks: `--input` and `--skip` apply to the imported ones and are
  /// refused only when every network is a spec.
  static func checkImportOptions(
    _ specs: [Pipeline.ParsedSpec], input: Bool, skip: Bool, command: String
  ) throws(UsageError) {
    guard let spec = specs.first, specs.allSatisfy({ $0.format == .netspec }) else { return }
    if specs.count > 1 {
      if skip {
        throw UsageError(
          message: "'--skip' names layer types of imported models; every network here is a spec",
          command: command)
      }
      return
    }
    if input {
      throw UsageError(
        message: "'--input' sets the input of an imported model; '\(spec.source.name)' is a spec",
        help: "a spec sets its input with its parameters: try '--resolution'", command: command)
    }
    if skip {
      throw UsageError(
        message: "'--skip' names layer types of an imported model; '\(spec.source.name)' is a spec",
        command: command)
    }
  }

  static func number(_ text: String, option: String, command: String) throws(UsageError) -> Double {
    guard let value = Double(text), value.isFinite else {
      throw UsageError(message: "'\(option)' takes a number, got '\(text)'", command: command)
    }
    let digits = text.drop { $0 == "-" || $0 == "+" }
    if !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }),
      abs(value) >= 9_007_199_254_740_992,
      Int(text) == nil || Int(exactly: value) != Int(text)
    {
      throw UsageError(
        message: "'\(option)' takes a number, got '\(text)', which is too large to hold exactly",
        command: command)
    }
    return value
  }

  /// `0.25,0.5,1`: one or more numbers.
  static func numbers(
    _ text: String, option: String, command: String
  ) throws(UsageError)
    -> [Double]
  {
    var values: [Double] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      values.append(try number(String(part), option: option, command: command))
    }
    return values
  }

  /// `name=value`, split at the first `=`.
  static func assignment(
    _ text: String, option: String, command: String
  ) throws(UsageError)
    -> (name: String, value: String)
  {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, !parts[0].isEmpty else {
      throw UsageError(message: "'\(option)' takes <name>=<value>, got '\(text)'", command: command)
    }
    return (parts[0], parts[1])
  }

  /// `mobilenet:alpha=0.5,resolution=160`: a network with parameter values. What follows the
  /// last `:` is parameters when it has an `=` or follows a built-in network's name; else the
  /// whole is a path (`runs/v1:best.netspec`).
  static func network(
    _ text: String, command: String
  ) throws(UsageError)
    -> (name: String, overrides: [String: Double])
  {
    guard let colon = text.lastIndex(of: ":"),
      text[colon...].contains("=") || SpecCatalog.builtin(String(text[..<colon])) != nil
    else { return (text, [:]) }
    var overrides: [String: Double] = [:]
    for part in text[text.index(after: colon)...].split(separator: ",") {
      let (name, value) = try assignment(
        String(part), option: String(text[..<colon]), command: command)
      if overrides[name] != nil {
        throw UsageError(message: "parameter '\(name)' is set more than once", command: command)
      }
      overrides[name] = try number(value, option: name, command: command)
    }
    return (String(text[..<colon]), overrides)
  }
}
