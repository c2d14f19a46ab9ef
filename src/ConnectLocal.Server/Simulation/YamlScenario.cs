using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ConnectLocal.Server.Simulation;

/// <summary>
/// Reads a YAML scenario into the JSON text <see cref="Scenario.Parse"/> reads, so both spellings mean exactly the
/// same thing. Plain scalars are typed by the YAML 1.2 core schema's null, true/false, decimal integers and finite
/// decimal floats; every other scalar (quoted ones, hexadecimal, .inf, .nan, times) is a string. [choice] YAML 1.1's sexagesimal numbers do not exist here: <c>at: 10:15</c> is the
/// string "10:15", as a timeline needs it. Anchors and aliases work; one document per file; duplicate keys are an
/// error.
/// </summary>
internal static partial class YamlScenario
{
    public static bool IsYamlPath(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The scenario as JSON text; a <see cref="ScenarioException"/> says where the YAML is wrong.</summary>
    public static string ToJson(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ScenarioException($"the scenario is not valid YAML: line {e.Start.Line}, column {e.Start.Column}: {Innermost(e).Message}");
        }
        catch (ArgumentException e)
        {
            // YamlDotNet reports a repeated mapping key this way.
            throw new ScenarioException($"the scenario is not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count != 1)
        {
            throw new ScenarioException($"the scenario file must hold one YAML document (it holds {stream.Documents.Count})");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, stream.Documents[0].RootNode, 0);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Exception Innermost(Exception e) => e.InnerException is YamlException inner ? Innermost(inner) : e;

    private static void Write(Utf8JsonWriter writer, YamlNode node, int depth)
    {
        if (depth > 64)
        {
            throw new ScenarioException("the scenario nests deeper than 64 levels");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new ScenarioException($"line {key.Start.Line}: a mapping key must be a plain name");
                    }

                    writer.WritePropertyName(name);
                    Write(writer, value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    Write(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw new ScenarioException($"line {node.Start.Line}: unsupported YAML node");
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain || scalar.Tag == "tag:yaml.org,2002:str")
        {
            writer.WriteStringValue(text);
            return;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                writer.WriteNullValue();
                return;
            case "true" or "True" or "TRUE":
                writer.WriteBooleanValue(true);
                return;
            case "false" or "False" or "FALSE":
                writer.WriteBooleanValue(false);
                return;
        }

        if (Integer().IsMatch(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
            {
                writer.WriteNumberValue(signed);
                return;
            }

            if (ulong.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unsigned))
            {
                writer.WriteNumberValue(unsigned);
                return;
            }
        }

        if (Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            writer.WriteNumberValue(number);
            return;
        }

        writer.WriteStringValue(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
