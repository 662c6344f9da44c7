import BuiltinSpecs
import Foundation
import NetCost
import Testing

@testable import NetCostCLI

/// Each command line with its exit code and the first line it prints (`exitCodesAndMessages`).
extension CLITests {
  static let cases: [Case] = [
    Case(arguments: ["--version"], exitCode: .success, firstLine: CLI.version),
    Case(
      arguments: ["resnet50", "--memory", "pytorh"], exitCode: .usage,
      firstLine: "error: '--memory' must be one of 'ideal', 'pytorch', got 'pytorh'",
      help: "help: did you mean 'pytorch'?"),
    Case(
      arguments: ["resnet50", "--optimizer", "rmsprop"], exitCode: .usage,
      firstLine: "error: '--optimizer' must be one of 'sgd', 'momentum', 'adam', got 'rmsprop'"),
    Case(
      arguments: ["resnet50", "--dtype", "fp64"], exitCode: .usage,
      firstLine: "error: '--dtype' must be one of 'fp32', 'fp16', 'bf16', 'int8', got 'fp64'"),
    Case(
      arguments: ["fit", "mobilenet", "--macs", "300M"], exitCode: .usage,
      firstLine: "error: 'fit' needs '--vary' with the parameter to search",
      help: "help: for example '--vary alpha' or '--vary alpha,resolution'"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha"], exitCode: .usage,
      firstLine: "error: 'fit' needs a budget",
      help: "help: give '--macs', '--params', '--peak-memory' or '--training-memory'"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha", "--macs", "lots"], exitCode: .usage,
      firstLine: "error: '--macs' takes a positive amount such as '300M' or '300000000', got 'lots'"
    ),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha", "--peak-memory", "1.5B"], exitCode: .usage,
      firstLine:
        "error: '--peak-memory' takes a positive amount such as '2MB' or '2097152', got '1.5B'"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alhpa", "--macs", "300M"], exitCode: .usage,
      firstLine: "error: network 'mobilenet' has no parameter 'alhpa'",
      help: "help: did you mean 'alpha'?"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha,alpha", "--macs", "300M"], exitCode: .usage,
      firstLine: "error: '--vary' takes one parameter or two different ones, got 'alpha,alpha'"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha", "--macs", "300M", "--alpha", "0.5"],
      exitCode: .usage, firstLine: "error: parameter 'alpha' is both searched ('--vary') and set"),
    Case(
      arguments: ["fit", "mobilenet", "--vary", "alpha", "--macs", "3G", "--step", "alpha=1e-9"],
      exitCode: .usage,
      firstLine: "error: parameter 'alpha' would take more than 100000 values at this step",
      help: "help: give a larger '--step alpha=<value>'"),
    Case(
      arguments: ["mobilenet", "--device", "t4", "--dtype", "bf16"], exitCode: .usage,
      firstLine: "error: 't4' has no bf16 peak in its data sheet"),
    Case(
      arguments: ["mobilenet", "--columns", "rf", "--by", "kind"], exitCode: .usage,
      firstLine: "error: '--columns rf' and '--by kind' cannot be combined"),
    Case(
      arguments: ["mobilenet", "--device", "peak=10T"], exitCode: .usage,
      firstLine: "error: '--device' needs both 'peak' and 'bandwidth', got 'peak=10T'"),
    Case(
      arguments: ["mobilenet", "--device", "peak=10T,bandwidth=-1"], exitCode: .usage,
      firstLine: "error: '--device bandwidth' takes a number of at least 1 such as '10T', got '-1'"),
    Case(
      arguments: ["vgg16", "--device", "peak=1e-300,bandwidth=1e-300", "--format", "json"],
      exitCode: .usage,
      firstLine:
        "error: '--device peak' takes a number of at least 1 such as '10T', got '1e-300'"),
    Case(
      arguments: [
        "fit", "mobilenet", "--vary", "alpha,resolution", "--macs", "3G", "--step", "alpha=0.001",
      ],
      exitCode: .usage,
      firstLine: "error: the search may analyse 56,000 points of 84 layers (and 20 more for the "
        + "5 layers made afresh); a search may analyse at most 2,000,000 layers in all",
      help: "help: search fewer values with a larger '--step'"),
    Case(
      arguments: ["resnet50", "--batch", "0"], exitCode: .usage,
      firstLine: "error: '--batch' takes a whole number from 1 to 1,000,000, got '0'"),
    Case(
      arguments: ["resnet50", "--batch", "2.5"], exitCode: .usage,
      firstLine: "error: '--batch' takes a whole number from 1 to 1,000,000, got '2.5'"),
    Case(
      arguments: ["resnet50", "--convention", "torchinf"], exitCode: .usage,
      firstLine:
        "error: '--convention' must be one of 'paper', 'torchinfo', 'fvcore', 'ptflops', "
        + "'ptflops-aten', 'thop', 'keras', 'flops', 'flop-counter', got 'torchinf'",
      help: "help: did you mean 'torchinfo'?"),
    Case(
      arguments: ["resnet50", "--flops", "--convention", "thop"], exitCode: .usage,
      firstLine: "error: '--flops' and '--convention thop' cannot be combined",
      help: "help: '--flops' is short for '--convention flops'"),
    Case(
      arguments: ["conventions"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: [], exitCode: .success,
      firstLine:
        "OVERVIEW: netcost \(CLI.version): what a convolutional network costs, layer by layer:"),
    Case(
      arguments: ["--help"], exitCode: .success,
      firstLine:
        "OVERVIEW: netcost \(CLI.version): what a convolutional network costs, layer by layer:"),
    Case(
      arguments: ["help", "analyze"], exitCode: .success,
      firstLine: "OVERVIEW: Print a network's cost, layer by layer, with totals."),
    Case(
      arguments: ["mobilenet", "-h"], exitCode: .success,
      firstLine: "OVERVIEW: Print a network's cost, layer by layer, with totals."),
    Case(
      arguments: ["list", "--help"], exitCode: .success,
      firstLine: "OVERVIEW: List the built-in networks."),
    Case(
      arguments: ["help", "lst"], exitCode: .usage, firstLine: "error: unknown command 'lst'",
      help: "help: did you mean 'list'?"),
    Case(
      arguments: ["mobilenet", "--alpah", "0.5"], exitCode: .usage,
      firstLine: "error: unknown option '--alpah'", help: "help: did you mean '--alpha'?"),
    Case(
      arguments: ["--verison"], exitCode: .usage, firstLine: "error: unknown option '--verison'",
      help: "help: did you mean '--version'?"),
    Case(
      arguments: ["mobilnet"], exitCode: .usage,
      firstLine: "error: unknown command or network 'mobilnet'",
      help: "help: did you mean 'mobilenet'?"),
    // Issue 11, item 3: a misspelled command is not "unexpected argument".
    Case(
      arguments: ["comapre", "vgg16", "mobilenet"], exitCode: .usage,
      firstLine: "error: unknown command or network 'comapre'",
      help: "help: did you mean 'compare'?"),
    Case(
      arguments: ["analyse", "alexnet", "--by", "kind"], exitCode: .success,
      firstLine: "alexnet: AlexNet (EECS 498 / torchvision layout)"),
    Case(
      arguments: ["frobnicate"], exitCode: .usage,
      firstLine: "error: unknown command or network 'frobnicate'",
      help: "help: 'netcost --help' shows the commands, 'netcost list' the networks"),
    // Issue 11, item 6: options that do not apply are refused, not ignored.
    Case(
      arguments: ["alexnet", "--explain", "conv1", "--format", "json"], exitCode: .usage,
      firstLine: "error: '--explain' prints text and takes no '--format'"),
    Case(
      arguments: ["alexnet", "--explain", "--by", "kind"], exitCode: .usage,
      firstLine: "error: '--explain' and '--by kind' cannot be combined",
      help: "help: '--explain' shows each row's arithmetic; '--by kind' sums rows by kind"),
    Case(
      arguments: ["mobilenet", "--alpha"], exitCode: .usage,
      firstLine: "error: missing value for '--alpha <value>'"),
    Case(
      arguments: ["mobilenet", "--alpha", "big"], exitCode: .usage,
      firstLine: "error: '--alpha' takes a number, got 'big'"),
    Case(
      arguments: ["mobilenet", "--alpha", "0.5", "--alpha", "0.25"], exitCode: .usage,
      firstLine: "error: '--alpha' is given more than once"),
    Case(
      arguments: ["mobilenet", "--alpha", "4.5"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 4], got 4.5"),
    Case(
      arguments: ["mobilenet", "--alpha", "0"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' must be in (0, 4], got 0"),
    Case(
      arguments: ["mobilenet", "--resolution", "224.5"], exitCode: .usage,
      firstLine: "error: parameter 'resolution' takes whole numbers, got 224.5"),
    Case(
      arguments: ["vgg16", "--alpha", "0.5"], exitCode: .usage,
      firstLine: "error: network 'vgg16' has no parameter 'alpha'",
      help: "help: its parameters are 'depth', 'bn', 'resolution', 'classes'"),
    Case(
      arguments: ["mobilenet", "--set", "clases=10"], exitCode: .usage,
      firstLine: "error: network 'mobilenet' has no parameter 'clases'",
      help: "help: did you mean 'classes'?"),
    Case(
      arguments: ["mobilenet", "--set", "classes"], exitCode: .usage,
      firstLine: "error: '--set' takes <name>=<value>, got 'classes'"),
    Case(
      arguments: ["mobilenet", "--format", "jsn"], exitCode: .usage,
      firstLine: "error: '--format' must be one of 'table', 'json', 'markdown', 'csv', got 'jsn'",
      help: "help: did you mean 'json'?"),
    Case(
      arguments: ["mobilenet", "vgg16"], exitCode: .usage,
      firstLine: "error: unexpected argument 'vgg16'"),
    Case(
      arguments: ["--alpha", "0.5"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: ["sweep", "--alpha", "1,0.5"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: ["chart"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: ["report"], exitCode: .usage,
      firstLine: "error: missing expected argument '<network>'"),
    Case(
      arguments: ["completions"], exitCode: .usage,
      firstLine: "error: missing expected argument '<shell>'"),
    Case(
      arguments: ["missing.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'missing.netspec': no such file"),
    Case(
      arguments: ["dir"], exitCode: .noInput,
      firstLine: "error: cannot read 'dir': it is a directory"),
    Case(
      arguments: ["binary.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'binary.netspec': it is a binary file, not a spec"),
    Case(
      arguments: ["latin1.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'latin1.netspec': it is not UTF-8 text"),
    Case(
      arguments: ["mobilenet", "--", "--alpha"], exitCode: .usage,
      firstLine: "error: unexpected argument '--alpha'"),
    // Issue 10, item 18: options given twice, extra words, numbers past exactness.
    Case(
      arguments: ["alexnet", "--explain", "conv1", "--explain", "conv2"], exitCode: .usage,
      firstLine: "error: '--explain' is given more than once"),
    Case(
      arguments: ["compare", "mobilenet:alpha=0.5,alpha=0.75", "vgg16"], exitCode: .usage,
      firstLine: "error: parameter 'alpha' is set more than once"),
    Case(
      arguments: ["--version", "extra"], exitCode: .usage,
      firstLine: "error: unexpected argument 'extra'"),
    Case(
      arguments: ["help", "sweep", "extra"], exitCode: .usage,
      firstLine: "error: unexpected argument 'extra'"),
    Case(
      arguments: ["mobilenet", "--resolution", "9007199254740993"], exitCode: .usage,
      firstLine:
        "error: '--resolution' takes a number, got '9007199254740993', which is too large to hold exactly"
    ),
    Case(
      arguments: ["runs:v1.netspec"], exitCode: .noInput,
      firstLine: "error: cannot read 'runs:v1.netspec': no such file"),
    Case(
      arguments: ["compare", "runs:v1.netspec", "vgg16"], exitCode: .noInput,
      firstLine: "error: cannot read 'runs:v1.netspec': no such file"),
  ]
}
