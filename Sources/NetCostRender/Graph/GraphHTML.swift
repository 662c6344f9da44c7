/// A network's graph as one HTML page that opens from disk: the SVG inline, its style, and a
/// little script to zoom (the wheel), pan (dragging), fit the page (double-click) and show a box's
/// details beside it. Nothing is fetched: no `src`, and no `href` but the page's own.
public enum GraphHTML {
  public static func render(_ graph: LayerGraph, color metric: GraphMetric = .macs) -> String {
    [
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>\(SVG.escape("netcost graph: " + graph.analysis.network))</title>",
      "<style>", style, "</style>",
      "</head>",
      "<body>",
      "<div id=\"bar\">scroll to zoom, drag to pan, double-click to see it all; "
        + "a box's details show when the pointer is on it</div>",
      "<div id=\"view\">",
      GraphSVG.element(graph, metric: metric),
      "</div>",
      "<pre id=\"details\"></pre>",
      "<script>", script, "</script>",
      "</body>",
      "</html>",
    ].joined(separator: "\n") + "\n"
  }

  private static let style = """
    html, body { margin: 0; height: 100%; font-family: sans-serif; }
    #bar { position: fixed; top: 0; left: 0; right: 0; height: 24px; padding: 4px 10px;
      font-size: 13px; color: #444; background: #f7f7f7; border-bottom: 1px solid #ccc; }
    #view { position: fixed; top: 33px; left: 0; right: 0; bottom: 0; overflow: hidden;
      cursor: grab; }
    #view > svg { width: 100%; height: 100%; display: block; }
    #details { position: fixed; right: 12px; top: 44px; margin: 0; padding: 8px 10px;
      font-size: 12px; background: rgba(255, 255, 255, 0.95); border: 1px solid #999;
      display: none; max-width: 40em; white-space: pre-wrap; }
    .node:hover rect { stroke: #000; stroke-width: 2.5; }
    """

  /// Zoom and pan by the SVG's viewBox; at first the drawing is at its own size (or the page's width,
  /// if wider) from the top, so a tall graph starts readable at its input.
  private static let script = """
    (function () {
      var view = document.getElementById("view");
      var svg = view.querySelector("svg");
      var details = document.getElementById("details");
      var full = svg.viewBox.baseVal;
      var W = full.width, H = full.height;
      var box = { x: 0, y: 0, w: W, h: H };
      function apply() {
        svg.setAttribute("viewBox", box.x + " " + box.y + " " + box.w + " " + box.h);
      }
      function top() {
        var r = view.getBoundingClientRect();
        box.w = Math.max(W, r.width, 1);
        box.h = box.w * r.height / Math.max(r.width, 1);
        box.x = (W - box.w) / 2; box.y = 0; apply();
      }
      function all() {
        var r = view.getBoundingClientRect();
        var scale = Math.max(W / Math.max(r.width, 1), H / Math.max(r.height, 1));
        box.w = r.width * scale; box.h = r.height * scale;
        box.x = (W - box.w) / 2; box.y = (H - box.h) / 2; apply();
      }
      svg.removeAttribute("width"); svg.removeAttribute("height");
      top();
      view.addEventListener("wheel", function (e) {
        e.preventDefault();
        var r = view.getBoundingClientRect();
        var k = Math.exp(e.deltaY * 0.0015);
        var px = box.x + box.w * (e.clientX - r.left) / r.width;
        var py = box.y + box.h * (e.clientY - r.top) / r.height;
        box.w *= k; box.h *= k;
        box.x = px - (px - box.x) * k; box.y = py - (py - box.y) * k; apply();
      }, { passive: false });
      var drag = null;
      view.addEventListener("mousedown", function (e) {
        drag = { x: e.clientX, y: e.clientY, bx: box.x, by: box.y };
        view.style.cursor = "grabbing";
      });
      window.addEventListener("mouseup", function () { drag = null; view.style.cursor = "grab"; });
      window.addEventListener("mousemove", function (e) {
        if (!drag) return;
        var r = view.getBoundingClientRect();
        box.x = drag.bx - (e.clientX - drag.x) * box.w / r.width;
        box.y = drag.by - (e.clientY - drag.y) * box.h / r.height; apply();
      });
      view.addEventListener("dblclick", all);
      window.addEventListener("resize", top);
      view.addEventListener("mouseover", function (e) {
        var node = e.target.closest ? e.target.closest(".node") : null;
        if (!node) { details.style.display = "none"; return; }
        details.textContent = node.querySelector("title").textContent;
        details.style.display = "block";
      });
    })();
    """
}
