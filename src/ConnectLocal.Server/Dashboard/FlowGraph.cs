using System.Globalization;
using System.Net;
using System.Text;
using ConnectLocal.Core.Flows;
using ConnectLocal.Server.Flows;

namespace ConnectLocal.Server.Dashboard;

/// <summary>
/// A flow's content drawn as a graph of its actions, as an SVG built on the server. [choice] Layout: each action in
/// the column of its shortest distance from StartAction (unreachable actions in a last column), in the order the
/// content lists them; an arrow per transition, labelled for error and condition branches (dashed for errors).
/// </summary>
internal static class FlowGraph
{
    private const int BoxWidth = 190;
    private const int BoxHeight = 50;
    private const int ColumnGap = 80;
    private const int RowGap = 26;
    private const int Margin = 20;

    /// <summary>The SVG; null when the content is not flow-language JSON the server can read.</summary>
    public static string? Render(string content)
    {
        FlowDocument document;
        try
        {
            document = FlowJson.Read(content);
        }
        catch (DomainException)
        {
            return null;
        }

        var actions = document.Actions.Where(a => a.Identifier is not null).DistinctBy(a => a.Identifier).ToList();
        var byId = actions.ToDictionary(a => a.Identifier!, StringComparer.Ordinal);
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new Queue<string>();
        if (document.StartAction is { } start && byId.ContainsKey(start))
        {
            column[start] = 0;
            pending.Enqueue(start);
        }

        while (pending.Count > 0)
        {
            var id = pending.Dequeue();
            foreach (var next in byId[id].Transitions.Targets.Where(t => byId.ContainsKey(t) && !column.ContainsKey(t)))
            {
                column[next] = column[id] + 1;
                pending.Enqueue(next);
            }
        }

        var unreachable = column.Count == 0 ? 0 : column.Values.Max() + 1;
        foreach (var action in actions.Where(a => !column.ContainsKey(a.Identifier!)))
        {
            column[action.Identifier!] = unreachable;
        }

        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        var rows = new Dictionary<int, int>();
        foreach (var action in actions)
        {
            var c = column[action.Identifier!];
            var r = rows.GetValueOrDefault(c);
            rows[c] = r + 1;
            position[action.Identifier!] = (Margin + (c * (BoxWidth + ColumnGap)), Margin + (r * (BoxHeight + RowGap)));
        }

        var width = Margin * 2 + (Math.Max(1, rows.Count) * (BoxWidth + ColumnGap)) - ColumnGap;
        var height = Margin * 2 + (Math.Max(1, rows.Count == 0 ? 1 : rows.Values.Max()) * (BoxHeight + RowGap)) - RowGap;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow-graph\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"flow graph\">"));
        var labels = new StringBuilder(); // drawn last, over the boxes, with a white halo
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
        foreach (var action in actions)
        {
            var from = position[action.Identifier!];
            var edges = new List<(string Target, string? Label, bool Error)>();
            if (action.Transitions.NextAction is { } next)
            {
                edges.Add((next, null, false));
            }

            edges.AddRange(action.Transitions.Conditions.Where(b => b.NextAction is not null).Select(b => (b.NextAction!, (string?)"condition", false)));
            edges.AddRange(action.Transitions.Errors.Where(b => b.NextAction is not null).Select(b => (b.NextAction!, b.ErrorType, true)));
            // Branches of one kind to one target are one arrow, with their labels joined.
            var arrows = edges.Where(e => position.ContainsKey(e.Target))
                .GroupBy(e => (e.Target, e.Error))
                .Select(g => (g.Key.Target, Label: g.Any(e => e.Label is not null) ? string.Join(", ", g.Select(e => e.Label).OfType<string>().Distinct()) : null, g.Key.Error));
            foreach (var (target, label, error) in arrows)
            {
                var to = position[target];
                var (x1, y1) = (from.X + BoxWidth, from.Y + (BoxHeight / 2.0));
                var (x2, y2) = (to.X, to.Y + (BoxHeight / 2.0));
                if (to.X <= from.X)
                {
                    // A loop back (or within a column): leave from the bottom and arrive at the top.
                    (x1, y1, x2, y2) = (from.X + (BoxWidth / 2.0), from.Y + BoxHeight, to.X + (BoxWidth / 2.0), to.Y);
                }

                svg.Append(Invariant($"<path class=\"edge{(error ? " error" : string.Empty)}\" d=\"M {x1:F0} {y1:F0} C {(x1 + x2) / 2:F0} {y1:F0}, {(x1 + x2) / 2:F0} {y2:F0}, {x2:F0} {y2:F0}\" fill=\"none\" stroke=\"{(error ? "#b44" : "#555")}\"{(error ? " stroke-dasharray=\"4 3\"" : string.Empty)} marker-end=\"url(#arrow)\"/>"));
                if (label is not null)
                {
                    labels.Append(Invariant($"<text class=\"edge-label\" x=\"{x1 + ((x2 - x1) * 0.5):F0}\" y=\"{y1 + ((y2 - y1) * 0.5) - 4:F0}\" font-size=\"10\" text-anchor=\"middle\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" fill=\"{(error ? "#b44" : "#555")}\">{Encode(Short(label, 40))}</text>"));
                }
            }
        }

        foreach (var action in actions)
        {
            var (x, y) = position[action.Identifier!];
            var isStart = action.Identifier == document.StartAction;
            svg.Append(Invariant($"<g class=\"action\" data-action=\"{Encode(action.Identifier!)}\"><title>{Encode(action.Identifier!)}</title>"));
            svg.Append(Invariant($"<rect x=\"{x:F0}\" y=\"{y:F0}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"6\" fill=\"{(isStart ? "#e3f1e3" : "#eef2f8")}\" stroke=\"{(isStart ? "#3a7d3a" : "#7a8ca8")}\"/>"));
            svg.Append(Invariant($"<text x=\"{x + 8:F0}\" y=\"{y + 20:F0}\" font-size=\"13\" font-weight=\"600\">{Encode(Short(action.Type ?? "?", 24))}</text>"));
            svg.Append(Invariant($"<text x=\"{x + 8:F0}\" y=\"{y + 38:F0}\" font-size=\"10\" fill=\"#555\">{Encode(Short(action.Identifier!, 30))}</text></g>"));
        }

        svg.Append(labels).Append("</svg>");
        return svg.ToString();
    }

    private static string Short(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
