using System.Globalization;
using System.Security;
using System.Text;

namespace ConnectLocal.Load;

/// <summary>
/// The report's chart as plain SVG (no dependency): throughput of every workload against the bare Kestrel
/// ceiling and moto, latency at half the maximum against the 5 ms target, and the scaling runs.
/// </summary>
internal static class Chart
{
    private const int Width = 960;
    private const int LabelWidth = 300;
    private const int BarHeight = 18;
    private const int Gap = 6;

    public static string Svg(Report report)
    {
        var body = new StringBuilder();
        var y = 30;
        Text(body, 10, y, $"ConnectLocal load harness — {report.Kind} run, {report.StartedAt:yyyy-MM-dd}, {report.Machine.LogicalCores} cores, {report.Settings.Concurrency} connections", 16, "bold");
        y += 30;

        y = Throughput(body, report, y);
        y = Latency(body, report, y + 20);
        if (report.Scaling.Count > 0)
        {
            y = Scaling(body, report, y + 20);
        }

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{y + 20}" viewBox="0 0 {Width} {y + 20}" font-family="sans-serif" font-size="12">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{y + 20}" fill="white"/>""");
        svg.Append(body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static int Throughput(StringBuilder s, Report report, int y)
    {
        Text(s, 10, y, "Maximum throughput (requests/s) — label: ratio to bare Kestrel {} (ConnectLocal) or ConnectLocal / moto", 13, "bold");
        y += 10;
        var rows = report.Workloads;
        var max = Math.Max(1, rows.Count == 0 ? 0 : rows.Max(w => w.Max.Throughput));
        foreach (var w in rows)
        {
            y += BarHeight + Gap;
            var length = (Width - LabelWidth - 140) * w.Max.Throughput / max;
            var color = w.Target switch { "kestrel" => "#9e9e9e", "moto" => "#ef6c00", _ => "#1565c0" };
            Text(s, LabelWidth - 8, y - 5, $"{w.Name} ({w.Target})", 12, anchor: "end");
            Rect(s, LabelWidth, y - BarHeight, Math.Max(1, length), BarHeight, color);
            var note = w.RatioToCeiling is { } c ? $" ({c:P0} of Kestrel)" : "";
            if (w.Target == "connectlocal" && w.RatioToMoto is { } m)
            {
                note += $" ({m:0}× moto)";
            }

            Text(s, LabelWidth + length + 6, y - 5, w.Max.Throughput.ToString("N0", CultureInfo.InvariantCulture) + note, 11);
        }

        return y + 10;
    }

    private static int Latency(StringBuilder s, Report report, int y)
    {
        var rows = report.Workloads.Where(w => w.HalfRate is not null).ToList();
        if (rows.Count == 0)
        {
            return y;
        }

        Text(s, 10, y, "Latency at half the maximum throughput (ms): p50 (light) and p99 (dark); the red line is the 5 ms p99 target", 13, "bold");
        y += 10;
        var max = Math.Max(6, rows.Max(w => w.HalfRate!.Latency.P99Ms));
        var scale = (Width - LabelWidth - 140) / max;
        var top = y;
        foreach (var w in rows)
        {
            y += BarHeight + Gap;
            var l = w.HalfRate!.Latency;
            Text(s, LabelWidth - 8, y - 5, $"{w.Name} ({w.Target})", 12, anchor: "end");
            Rect(s, LabelWidth, y - BarHeight, Math.Max(1, l.P99Ms * scale), BarHeight, "#0d47a1");
            Rect(s, LabelWidth, y - BarHeight + 4, Math.Max(1, l.P50Ms * scale), BarHeight - 8, "#90caf9");
            Text(s, LabelWidth + (l.P99Ms * scale) + 6, y - 5, $"p50 {l.P50Ms:0.00} · p99 {l.P99Ms:0.00} at {w.HalfRate.Throughput:N0}/s", 11);
        }

        var x = LabelWidth + (5 * scale);
        s.Append(CultureInfo.InvariantCulture, $"""<line x1="{x:0.0}" y1="{top + 4}" x2="{x:0.0}" y2="{y + 4}" stroke="#c62828" stroke-dasharray="4 3"/>""");
        return y + 10;
    }

    private static int Scaling(StringBuilder s, Report report, int y)
    {
        Text(s, 10, y, "Scaling: p50 at a fixed rate (ms) and peak RSS, by stored routing profiles", 13, "bold");
        y += 10;
        var rows = report.Scaling;
        if (rows.Count == 0)
        {
            return y;
        }

        var max = Math.Max(0.5, rows.Max(x => Math.Max(x.ReadAtFixedRate.Latency.P50Ms, x.WriteAtFixedRate.Latency.P50Ms)));
        var scale = (Width - LabelWidth - 220) / max;
        foreach (var x in rows)
        {
            foreach (var (name, run, color) in new[] { ("read", x.ReadAtFixedRate, "#2e7d32"), ("write", x.WriteAtFixedRate, "#a5d6a7") })
            {
                y += BarHeight + Gap;
                Text(s, LabelWidth - 8, y - 5, $"{x.StoredProfiles:N0} profiles, {name}", 12, anchor: "end");
                Rect(s, LabelWidth, y - BarHeight, Math.Max(1, run.Latency.P50Ms * scale), BarHeight, color);
                Text(s, LabelWidth + (run.Latency.P50Ms * scale) + 6, y - 5,
                    $"p50 {run.Latency.P50Ms:0.000} ms at {run.TargetRate:N0}/s · max {(name == "read" ? x.Read : x.Write).Max.Throughput:N0}/s · peak RSS {x.PeakRssMb:0} MB", 11);
            }
        }

        return y + 10;
    }

    private static void Rect(StringBuilder s, double x, double y, double w, double h, string fill) =>
        s.Append(CultureInfo.InvariantCulture, $"""<rect x="{x:0.0}" y="{y:0.0}" width="{w:0.0}" height="{h:0.0}" fill="{fill}"/>""");

    private static void Text(StringBuilder s, double x, double y, string text, int size, string weight = "normal", string anchor = "start") =>
        s.Append(CultureInfo.InvariantCulture, $"""<text x="{x:0.0}" y="{y:0.0}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}">{SecurityElement.Escape(text)}</text>""");
}
