using System.Text.RegularExpressions;
using ConnectLocal.Tests.Support;

namespace ConnectLocal.Tests.Repository;

/// <summary>
/// Core spells its error messages only in Common/ErrorTexts.cs (issue 12; docs style: "all AWS error codes and messages
/// in one place per layer"). Reads Core's sources as text: a string literal given as the message of an
/// <c>Errors.*</c> helper or of <c>new DomainException(kind, message, …)</c> fails the test, also inside a ternary.
/// </summary>
public sealed partial class ErrorTextsTests
{
    // The exclusions, each on purpose:
    // Routing/ is reworked in another branch; its texts move to ErrorTexts when that work lands.
    private static readonly string[] ExcludedFolders = ["Routing/", "bin/", "obj/"];

    // Errors.NotFound("Queue") and Errors.Duplicate("Queue", name) take a noun; ErrorTexts builds the message around it.
    private static readonly HashSet<string> NounHelpers = ["NotFound", "Duplicate"];

    [Fact]
    public void Core_passes_no_literal_message_to_Errors_or_DomainException()
    {
        var core = RepositoryRoot.Combine("src", "ConnectLocal.Core");
        var offences = new List<string>();
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(core, file).Replace('\\', '/');
            if (ExcludedFolders.Any(relative.StartsWith))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            foreach (Match call in Call().Matches(text))
            {
                var helper = call.Groups["helper"];
                if (helper.Success && NounHelpers.Contains(helper.Value))
                {
                    continue;
                }

                // Errors.X(message, …) and new DomainException(kind, message, …).
                var messageIndex = helper.Success ? 0 : 1;
                var arguments = ArgumentsWithLiteral(text, call.Index + call.Length);
                if (arguments.Count > messageIndex && arguments[messageIndex])
                {
                    var line = text.AsSpan(0, call.Index).Count('\n') + 1;
                    offences.Add($"src/ConnectLocal.Core/{relative}:{line}: {text.Split('\n')[line - 1].Trim()}");
                }
            }
        }

        Assert.True(offences.Count == 0, "Move these messages into ErrorTexts:\n" + string.Join('\n', offences));
    }

    [GeneratedRegex(@"\bErrors\.(?<helper>\w+)\(|\bnew\s+DomainException\(")]
    private static partial Regex Call();

    /// <summary>
    /// From just after a call's "(" to its ")": for each argument, whether a string literal stands in it outside any
    /// nested call (so <c>ErrorTexts.QuotaReached("users", n)</c> is fine and <c>cond ? "a" : "b"</c> is not).
    /// </summary>
    private static List<bool> ArgumentsWithLiteral(string text, int start)
    {
        var arguments = new List<bool> { false };
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}' when depth == 0:
                    return arguments;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    arguments.Add(false);
                    break;
                case '/' when text[i + 1] == '/':
                    i = text.IndexOf('\n', i) is var end and >= 0 ? end : text.Length;
                    break;
                case '\'':
                    i = text.IndexOf('\'', i + (text[i + 1] == '\\' ? 3 : 2));
                    break;
                case '"':
                    arguments[^1] |= depth == 0 && !ComparedWith(text, i);
                    i = EndOfString(text, i, interpolated: text[i - 1] == '$' || (text[i - 1] == '@' && text[i - 2] == '$'));
                    break;
            }
        }

        return arguments;
    }

    /// <summary>Whether the literal opening at <paramref name="open"/> is compared with (x == "A"), not a message.</summary>
    private static bool ComparedWith(string text, int open)
    {
        var before = text.AsSpan(0, open).TrimEnd("$@").TrimEnd();
        return before.EndsWith("==") || before.EndsWith("!=");
    }

    /// <summary>The index of the quote closing the literal opened at <paramref name="open"/>; holes may hold strings.</summary>
    private static int EndOfString(string text, int open, bool interpolated)
    {
        var hole = 0;
        for (var i = open + 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '{' when interpolated && text[i + 1] == '{' && hole == 0:
                    i++;
                    break;
                case '{' when interpolated:
                    hole++;
                    break;
                case '}' when hole > 0:
                    hole--;
                    break;
                case '"' when hole > 0:
                    i = EndOfString(text, i, interpolated: false);
                    break;
                case '"':
                    return i;
            }
        }

        return text.Length;
    }
}
