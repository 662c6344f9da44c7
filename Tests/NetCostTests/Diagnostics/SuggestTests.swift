import NetCost
import Testing

@Suite struct SuggestTests {
  static let cases: [(String, [String], String?)] = [
    ("strid", ["stride", "padding", "kernel"], "stride"),
    ("dwcnv", ["conv", "dwconv", "pwconv"], "dwconv"),
    ("--alpah", ["--alpha", "--resolution", "--set"], "--alpha"),
    ("mobilnet", ["mobilenet", "alexnet", "vgg16"], "mobilenet"),
    ("VGG16", ["vgg16", "alexnet"], "vgg16"),
    ("xyz", ["stride", "padding"], nil),
    ("conv", ["conv1", "conv2"], nil),  // a tie: say nothing rather than guess
    ("k", ["kernel"], nil),
  ]

  @Test(arguments: cases)
  func suggests(_ word: String, _ candidates: [String], _ expected: String?) {
    #expect(Suggest.closest(to: word, in: candidates) == expected)
  }
}
