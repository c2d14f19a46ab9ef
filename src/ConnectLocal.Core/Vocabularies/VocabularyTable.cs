namespace ConnectLocal.Core.Vocabularies;

/// <summary>
/// The table format of a custom vocabulary (Amazon Transcribe's, which Contact Lens uses): a header row naming the
/// columns, separated by TAB characters, then one row per phrase. A table that breaks a rule is still accepted by
/// CreateVocabulary; its creation fails asynchronously (CREATION_FAILED) with the problem as FailureReason, the field
/// AWS reports it in.
/// [choice] The rules checked, and the wording of each FailureReason: the header names only Phrase, IPA, SoundsLike
/// and DisplayAs, each at most once, and names Phrase; every row has a phrase, without spaces (words are joined with
/// hyphens), and no more fields than the header; a row gives IPA or SoundsLike, not both; there is at least one row.
/// </summary>
public static class VocabularyTable
{
    private static readonly string[] Columns = ["Phrase", "IPA", "SoundsLike", "DisplayAs"];

    /// <summary>The first problem of the table, or null when it is well formed.</summary>
    public static string? Problem(string content)
    {
        var lines = content.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines[0].Split('\t');
        foreach (var column in header)
        {
            if (!Columns.Contains(column, StringComparer.Ordinal))
            {
                return ErrorTexts.VocabularyUnknownColumn(column);
            }
        }

        if (header.Distinct(StringComparer.Ordinal).Count() != header.Length || !header.Contains("Phrase", StringComparer.Ordinal))
        {
            return ErrorTexts.VocabularyHeaderInvalid;
        }

        var phrase = Array.IndexOf(header, "Phrase");
        var ipa = Array.IndexOf(header, "IPA");
        var soundsLike = Array.IndexOf(header, "SoundsLike");
        var rows = 0;
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var fields = lines[i].Split('\t');
            var row = i + 1;
            if (fields.Length > header.Length)
            {
                return ErrorTexts.VocabularyRowTooWide(row, header.Length);
            }

            var value = phrase < fields.Length ? fields[phrase] : string.Empty;
            if (value.Length == 0)
            {
                return ErrorTexts.VocabularyRowWithoutPhrase(row);
            }

            if (value.Contains(' ', StringComparison.Ordinal))
            {
                return ErrorTexts.VocabularyPhraseWithSpace(row);
            }

            if (ipa >= 0 && soundsLike >= 0 && ipa < fields.Length && soundsLike < fields.Length
                && fields[ipa].Length > 0 && fields[soundsLike].Length > 0)
            {
                return ErrorTexts.VocabularyIpaAndSoundsLike(row);
            }

            rows++;
        }

        return rows == 0 ? ErrorTexts.VocabularyWithoutPhrases : null;
    }
}
