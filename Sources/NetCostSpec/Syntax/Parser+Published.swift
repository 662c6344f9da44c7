import NetCostCore

/// `published "source" [name = value, …] { figure … }`, where a figure is
/// `metric [of "layer" | of ["a", "b"] | of kind "Conv 1×1" | vs "network"] = NUMBER [unit] [note "…"]`;
/// and `variant "name" ["title"] [name = value, …]`, which takes the same settings.
extension Parser {
  mutating func parsePublished() throws(Failure) -> PublishedDecl {
    let keyword = advance()
    let source = try expect(.string, "for the figures' source")
    let conditions = try parseSettings()
    let open = try expect(.leftBrace, "to open the published figures")
    var figures: [FigureDecl] = []
    while true {
      skipNewlines()
      if at(.rightBrace) || at(.end) { break }
      let start = index
      do throws(Failure) {
        figures.append(try parseFigure())
        if !(at(.newline) || at(.semicolon) || at(.rightBrace)) {
          throw Failure(diagnostic: .expectedEndOfStatement(found: current))
        }
      } catch {
        diagnostics.append(error.diagnostic)
        recover(from: start)
      }
    }
    let close = try expect(
      .rightBrace,
      "to close the published figures opened at line \(open.range.lowerBound.line)")
    return PublishedDecl(
      source: Located(source.text, at: source.range), conditions: conditions,
      figures: figures, range: keyword.range.joined(with: close.range))
  }

  /// `variant "name" ["title"] [library "name"] [name = value, …]`.
  mutating func parseVariant() throws(Failure) -> VariantDecl {
    let keyword = advance()
    let name = try expect(.string, "for the variant's name")
    var title: Located<String>?
    if at(.string) {
      let token = advance()
      title = Located(token.text, at: token.range)
    }
    var library: Located<String>?
    if atWord("library"), peek(1).kind == .string {
      _ = advance()
      let token = advance()
      library = Located(token.text, at: token.range)
    }
    let settings = try parseSettings()
    let end = settings.last.map { $0.value.range } ?? library?.range ?? title?.range ?? name.range
    return VariantDecl(
      name: Located(name.text, at: name.range), title: title, library: library,
      settings: settings, range: keyword.range.joined(with: end))
  }

  /// `alpha = 0.75, resolution = 160`: parameter values a figure or a variant is at.
  private mutating func parseSettings() throws(Failure) -> [(name: Located<String>, value: Expr)] {
    var settings: [(name: Located<String>, value: Expr)] = []
    while at(.identifier) {
      let name = advance()
      _ = try expect(.equals, "after '\(name.text)'")
      settings.append((Located(name.text, at: name.range), try parseExpression()))
      if !skip(.comma) { break }
    }
    return settings
  }

  private mutating func parseFigure() throws(Failure) -> FigureDecl {
    let metric = try expect(.identifier, "for a figure's metric")
    var selector = FigureDecl.Selector.network
    if atWord("of") {
      _ = advance()
      if atWord("kind") {
        _ = advance()
        let kind = try expect(.string, "for the kind of layer")
        selector = .kind(Located(kind.text, at: kind.range))
      } else if skip(.leftBracket) {
        var names: [Located<String>] = []
        repeat {
          let name = try expect(.string, "for a layer name")
          names.append(Located(name.text, at: name.range))
        } while skip(.comma)
        _ = try expect(.rightBracket, "to close the list of layers")
        selector = .layers(names)
      } else {
        let name = try expect(.string, "for a layer name")
        selector = .layers([Located(name.text, at: name.range)])
      }
    } else if atWord("vs") {
      _ = advance()
      let other = try expect(.string, "for the network compared with")
      selector = .versus(Located(other.text, at: other.range))
    }
    _ = try expect(.equals, "after the figure's metric")
    let number = try expect(.number, "for the published value")
    guard let value = Double(number.text), value.isFinite else {
      throw Failure(diagnostic: .numberTooLarge(number.text, at: number.range))
    }
    var end = number.range
    var unit: Located<String>?
    if at(.identifier) && !atWord("note") || at(.percent) {
      let token = advance()
      unit = Located(token.text, at: token.range)
      end = token.range
    }
    var note: String?
    if atWord("note") {
      _ = advance()
      let text = try expect(.string, "for the note")
      note = text.text
      end = text.range
    }
    return FigureDecl(
      metric: Located(metric.text, at: metric.range), selector: selector,
      value: value, text: number.text, unit: unit, note: note, range: metric.range.joined(with: end)
    )
  }
}
