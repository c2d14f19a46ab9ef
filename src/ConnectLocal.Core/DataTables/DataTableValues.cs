using System.Globalization;

namespace ConnectLocal.Core.DataTables;

/// <summary>
/// Values as data tables store them: one string per value whatever the attribute's type. What each type accepts, how
/// an attribute's Validation narrows it, and what an attribute's rules may say. See docs/data-tables.md.
/// </summary>
public static class DataTableValues
{
    public const string Text = "TEXT";
    public const string Number = "NUMBER";
    public const string Boolean = "BOOLEAN";
    public const string TextList = "TEXT_LIST";
    public const string NumberList = "NUMBER_LIST";

    /// <summary>[choice] The default limits every attribute has (AWS names none; these are the model's own maxima for Validation).</summary>
    public const int DefaultMaxLength = 1000;

    public const int DefaultMaxValues = 100;

    /// <summary>The model: "the maximum length of arrays within validations … is 5".</summary>
    public const int MaxEnumValues = 5;

    public static bool IsList(string valueType) => valueType is TextList or NumberList;

    /// <summary>[choice] The empty value of each type, which a new primary attribute gives existing records: "", 0, false, [].</summary>
    public static string EmptyValue(string valueType) => valueType switch
    {
        Number => "0",
        Boolean => "false",
        TextList or NumberList => "[]",
        _ => string.Empty,
    };

    /// <summary>
    /// Why <paramref name="value"/> is not a valid value of the attribute, or null. [choice] BOOLEAN is "true" or "false";
    /// NUMBER is a decimal number; a list is a JSON array (of strings for TEXT_LIST, of numbers for NUMBER_LIST).
    /// </summary>
    public static string? Problem(DataTableColumn column, string value)
    {
        var rules = column.Validation;
        switch (column.ValueType)
        {
            case Boolean:
                return value is "true" or "false" ? null : ErrorTexts.DataTableValueNotBoolean(column.Name);
            case Number:
                return ParseNumber(value) is { } n ? NumberProblem(column, rules, n) ?? EnumProblem(column, rules, value) : ErrorTexts.DataTableValueNotNumber(column.Name);
            case Text:
                return TextProblem(column, rules, value) ?? EnumProblem(column, rules, value);
            default:
                if (ListItems(value, column.ValueType == TextList) is not { } items)
                {
                    return ErrorTexts.DataTableValueNotList(column.Name, column.ValueType);
                }

                if (items.Count < (rules?.MinValues ?? 0) || items.Count > (rules?.MaxValues ?? DefaultMaxValues))
                {
                    return ErrorTexts.DataTableValueCount(column.Name, rules?.MinValues ?? 0, rules?.MaxValues ?? DefaultMaxValues);
                }

                foreach (var item in items)
                {
                    var problem = column.ValueType == TextList
                        ? TextProblem(column, rules, item)
                        : NumberProblem(column, rules, ParseNumber(item) ?? double.NaN);
                    if ((problem ?? EnumProblem(column, rules, item)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
        }
    }

    /// <summary>How a primary value compares: [choice] numbers by value (1 and 1.0 are one record); text ignoring case when IgnoreCase says so.</summary>
    public static string Normalized(DataTableColumn column, string value) => column.ValueType switch
    {
        Number when ParseNumber(value) is { } n => n.ToString("R", CultureInfo.InvariantCulture),
        _ when column.Validation?.IgnoreCase == true => value.ToLowerInvariant(),
        _ => value,
    };

    /// <summary>
    /// What an attribute's Validation may say, as the model documents it: bounds in order, Minimum and ExclusiveMinimum
    /// not both, MultipleOf above 0, at most 5 enum values, no limit beyond the defaults. [choice] Members that do not
    /// apply to the value type (MinLength on NUMBER, MinValues on TEXT, …) and enum values that are not values of the
    /// type are refused.
    /// </summary>
    public static void CheckRules(string name, string valueType, ValueRules? rules)
    {
        if (rules is null)
        {
            return;
        }

        var text = valueType is Text or TextList;
        var number = valueType is Number or NumberList;
        var list = IsList(valueType);
        void Require(bool holds, string rule)
        {
            if (!holds)
            {
                throw Errors.InvalidParameter(ErrorTexts.DataTableRuleInvalid(name, rule));
            }
        }

        Require(text || (rules.MinLength is null && rules.MaxLength is null), "MinLength and MaxLength apply to TEXT and TEXT_LIST only");
        Require(list || (rules.MinValues is null && rules.MaxValues is null), "MinValues and MaxValues apply to list types only");
        Require(number || (rules.Minimum is null && rules.Maximum is null && rules.ExclusiveMinimum is null && rules.ExclusiveMaximum is null && rules.MultipleOf is null),
            "Minimum, Maximum, ExclusiveMinimum, ExclusiveMaximum and MultipleOf apply to NUMBER and NUMBER_LIST only");
        Require(rules.IgnoreCase != true || text, "IgnoreCase applies to TEXT and TEXT_LIST only");
        Require(!(rules.MinLength > rules.MaxLength), "MinLength must not be greater than MaxLength");
        Require(!(rules.MaxLength > DefaultMaxLength), $"MaxLength must not exceed {DefaultMaxLength}");
        Require(!(rules.MinValues > rules.MaxValues), "MinValues must not be greater than MaxValues");
        Require(!(rules.MaxValues > DefaultMaxValues), $"MaxValues must not exceed {DefaultMaxValues}");
        Require(rules.Minimum is null || rules.ExclusiveMinimum is null, "Minimum and ExclusiveMinimum cannot both be given");
        Require(!(rules.Minimum > rules.Maximum), "Minimum must not be greater than Maximum");
        Require(!(rules.Minimum >= rules.ExclusiveMaximum), "Minimum must be less than ExclusiveMaximum");
        Require(!(rules.ExclusiveMinimum >= rules.ExclusiveMaximum), "ExclusiveMinimum must be less than ExclusiveMaximum");
        Require(!(rules.ExclusiveMinimum >= rules.Maximum), "ExclusiveMinimum must be less than Maximum");
        Require(rules.MultipleOf is null || rules.MultipleOf > 0, "MultipleOf must be greater than 0");
        Require((rules.Enum?.Values?.Count ?? 0) <= MaxEnumValues, $"Enum lists at most {MaxEnumValues} values");
        Require(valueType != Boolean || rules.Enum is null, "Enum does not apply to BOOLEAN");
        foreach (var value in rules.Enum?.Values ?? [])
        {
            Require(!number || ParseNumber(value) is not null, $"enum value '{value}' is not a number");
        }
    }

    private static string? TextProblem(DataTableColumn column, ValueRules? rules, string value)
    {
        var min = rules?.MinLength ?? 0;
        var max = rules?.MaxLength ?? DefaultMaxLength;
        return value.Length < min || value.Length > max ? ErrorTexts.DataTableValueLength(column.Name, min, max) : null;
    }

    private static string? NumberProblem(DataTableColumn column, ValueRules? rules, double n)
    {
        if (double.IsNaN(n))
        {
            return ErrorTexts.DataTableValueNotNumber(column.Name);
        }

        if (rules is null)
        {
            return null;
        }

        var outside = n < rules.Minimum || n > rules.Maximum || n <= rules.ExclusiveMinimum || n >= rules.ExclusiveMaximum;
        if (outside)
        {
            return ErrorTexts.DataTableValueOutOfRange(column.Name);
        }

        if (rules.MultipleOf is { } step && step > 0)
        {
            var quotient = n / step;
            if (Math.Abs(quotient - Math.Round(quotient)) > 1e-9)
            {
                return ErrorTexts.DataTableValueNotMultiple(column.Name, step);
            }
        }

        return null;
    }

    /// <summary>A strict enum allows its values only (ignoring case where IgnoreCase says so); a non-strict one allows any.</summary>
    private static string? EnumProblem(DataTableColumn column, ValueRules? rules, string value)
    {
        if (rules?.Enum is not { Strict: true } e)
        {
            return null;
        }

        var comparison = rules.IgnoreCase == true ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var allowed = (e.Values ?? []).Any(v => column.ValueType is Number or NumberList
            ? ParseNumber(v) is { } a && ParseNumber(value) is { } b && a == b
            : string.Equals(v, value, comparison));
        return allowed ? null : ErrorTexts.DataTableValueNotInEnum(column.Name, value);
    }

    /// <summary>
    /// The items of a flat JSON array of strings (<paramref name="strings"/>) or of numbers, or null when the text is
    /// not one. Written by hand: Core takes no JSON library (the architecture test), and lists hold scalars only.
    /// </summary>
    internal static List<string>? ListItems(string text, bool strings)
    {
        var items = new List<string>();
        var i = 0;
        void Space()
        {
            while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r')
            {
                i++;
            }
        }

        Space();
        if (i >= text.Length || text[i] != '[')
        {
            return null;
        }

        i++;
        Space();
        if (i < text.Length && text[i] == ']')
        {
            i++;
            Space();
            return i == text.Length ? items : null;
        }

        while (true)
        {
            Space();
            var item = strings ? JsonString(text, ref i) : JsonNumber(text, ref i);
            if (item is null)
            {
                return null;
            }

            items.Add(item);
            Space();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i < text.Length && text[i] == ']')
            {
                i++;
                Space();
                return i == text.Length ? items : null;
            }

            return null;
        }
    }

    private static string? JsonString(string text, ref int i)
    {
        if (i >= text.Length || text[i] != '"')
        {
            return null;
        }

        var result = new System.Text.StringBuilder();
        for (i++; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                return result.ToString();
            }

            if (c < ' ')
            {
                return null;
            }

            if (c != '\\')
            {
                result.Append(c);
                continue;
            }

            if (++i >= text.Length)
            {
                return null;
            }

            switch (text[i])
            {
                case '"': result.Append('"'); break;
                case '\\': result.Append('\\'); break;
                case '/': result.Append('/'); break;
                case 'b': result.Append('\b'); break;
                case 'f': result.Append('\f'); break;
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case 'u' when i + 4 < text.Length && int.TryParse(text.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    result.Append((char)code);
                    i += 4;
                    break;
                default: return null;
            }
        }

        return null;
    }

    private static string? JsonNumber(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '-' or '+' or '.' or 'e' or 'E'))
        {
            i++;
        }

        var token = text[start..i];
        var json = System.Text.RegularExpressions.Regex.IsMatch(token, @"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$");
        return json && ParseNumber(token) is not null ? token : null;
    }

    private static double? ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var n)
        && double.IsFinite(n)
            ? n
            : null;
}
