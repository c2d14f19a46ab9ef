using System.Globalization;
using System.Net;
using System.Text;

namespace ConnectLocal.Server.Simulation;

/// <summary>One line of a chart: a value per time (null breaks the line).</summary>
internal sealed record ChartSeries(string Label, IReadOnlyList<(DateTimeOffset Time, double? Value)> Points, int Color, bool Dashed = false);

/// <summary>A vertical marker at a time (a configuration change).</summary>
internal sealed record ChartMarker(DateTimeOffset Time, string Label);

/// <summary>
/// A line chart over the simulated day as a self-contained SVG: time on the x axis, one value on the y axis, a legend
/// under the plot, and dashed markers where the configuration changed. No script, no external fonts: it renders
/// the same in a browser, on GitHub and in an editor preview.
/// </summary>
internal static class SvgChart
{
    private const int Width = 960;
    private const int PlotLeft = 70;
    private const int PlotRight = 930;
    private const int PlotTop = 50;
    private const int PlotBottom = 330;
    private const int LegendRowHeight = 20;

    private static readonly string[] Palette =
    [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
    ];

    /// <param name="percent">Values are fractions shown as 0–100 %.</param>
    public static string Render(string title, string yLabel, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<ChartSeries> series, IReadOnlyList<ChartMarker> markers, bool percent)
    {
        var legendRows = (series.Count + 2) / 3;
        var height = PlotBottom + 60 + (legendRows * LegendRowHeight);
        var max = percent ? 1.0 : NiceMax(series.SelectMany(s => s.Points).Select(p => p.Value ?? 0).DefaultIfEmpty(0).Max());
        double X(DateTimeOffset t) => PlotLeft + ((PlotRight - PlotLeft) * (t - start).TotalSeconds / Math.Max(1, (end - start).TotalSeconds));
        double Y(double v) => PlotBottom - ((PlotBottom - PlotTop) * Math.Min(v, max) / max);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{PlotLeft}\" y=\"28\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>\n");

        // Grid and y axis: five steps.
        for (var i = 0; i <= 5; i++)
        {
            var value = max * i / 5;
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{PlotLeft}\" y1=\"{y:F1}\" x2=\"{PlotRight}\" y2=\"{y:F1}\" stroke=\"#e5e5e5\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{PlotLeft - 8}\" y=\"{y + 4:F1}\" text-anchor=\"end\" fill=\"#555\">{Escape(percent ? $"{value * 100:F0} %" : Format(value))}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16 {(PlotTop + PlotBottom) / 2}) rotate(-90)\" text-anchor=\"middle\" fill=\"#555\">{Escape(yLabel)}</text>\n");

        // X axis: a tick every hour (or every 2, 3 … when the day is long).
        var hours = Math.Max(1, (int)Math.Ceiling((end - start).TotalHours / 12));
        for (var t = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, start.Offset); t <= end; t = t.AddHours(hours))
        {
            if (t < start)
            {
                continue;
            }

            var x = X(t);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:F1}\" y1=\"{PlotBottom}\" x2=\"{x:F1}\" y2=\"{PlotBottom + 5}\" stroke=\"#555\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{PlotBottom + 20}\" text-anchor=\"middle\" fill=\"#555\">{t:HH:mm}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{PlotLeft}\" y1=\"{PlotBottom}\" x2=\"{PlotRight}\" y2=\"{PlotBottom}\" stroke=\"#555\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{PlotLeft}\" y1=\"{PlotTop}\" x2=\"{PlotLeft}\" y2=\"{PlotBottom}\" stroke=\"#555\"/>\n");

        foreach (var (marker, index) in markers.Select((m, i) => (m, i)))
        {
            var x = X(marker.Time);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:F1}\" y1=\"{PlotTop}\" x2=\"{x:F1}\" y2=\"{PlotBottom}\" stroke=\"#444\" stroke-dasharray=\"4 3\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 4:F1}\" y=\"{PlotTop + 12 + (index % 3 * 14)}\" fill=\"#444\" font-size=\"11\">{Escape(marker.Label)}</text>\n");
        }

        foreach (var line in series)
        {
            var color = Palette[line.Color % Palette.Length];
            var dash = line.Dashed ? " stroke-dasharray=\"7 4\"" : string.Empty;
            foreach (var run in Runs(line.Points))
            {
                var points = string.Join(' ', run.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Time):F1},{Y(p.Value):F1}")));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{points}\"/>\n");
            }
        }

        for (var i = 0; i < series.Count; i++)
        {
            var x = PlotLeft + (i % 3 * 290);
            var y = PlotBottom + 48 + (i / 3 * LegendRowHeight);
            var color = Palette[series[i].Color % Palette.Length];
            var dash = series[i].Dashed ? " stroke-dasharray=\"7 4\"" : string.Empty;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 30}\" y=\"{y}\">{Escape(series[i].Label)}</text>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Consecutive points with a value: a null breaks the line.</summary>
    private static IEnumerable<List<(DateTimeOffset Time, double Value)>> Runs(IReadOnlyList<(DateTimeOffset Time, double? Value)> points)
    {
        var run = new List<(DateTimeOffset, double)>();
        foreach (var (time, value) in points)
        {
            if (value is { } v)
            {
                run.Add((time, v));
            }
            else if (run.Count > 0)
            {
                yield return run;
                run = [];
            }
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    /// <summary>1, 2 or 5 times a power of ten, at least the largest value (and at least 1).</summary>
    private static double NiceMax(double max)
    {
        if (max <= 1)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * power >= max)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static string Format(double value) =>
        value >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString(value % 1 == 0 ? "F0" : "F1", CultureInfo.InvariantCulture);

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
