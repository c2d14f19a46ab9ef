namespace ConnectLocal.Core.Evaluations;

/// <summary>
/// What the model says an evaluation form's items must be (docs/rules-evaluations.md): each item is a section or a
/// question, questions sit in sections, sections nest two levels at most, at most 100 sections and 100 questions,
/// RefIds unique in the form and option RefIds unique in their question, and a question's type properties are
/// those of its type. A complete form (not saved AsDraft, and every activation) also has its scoring weights sum to 100.
/// </summary>
public static class EvaluationFormRules
{
    public const int MaxSections = 100;
    public const int MaxQuestions = 100;
    private const double FullWeight = 100;

    public static void Validate(FormVersion form, bool complete)
    {
        var refIds = new HashSet<string>(StringComparer.Ordinal);
        var sections = 0;
        var questions = new List<EvaluationFormQuestion>();
        foreach (var item in form.Items)
        {
            if (One(item).Question is not null)
            {
                throw Errors.InvalidParameter(ErrorTexts.EvaluationQuestionOutsideSection);
            }

            Walk(item.Section!, depth: 1);
        }

        if (sections > MaxSections)
        {
            throw Errors.InvalidParameter(ErrorTexts.EvaluationTooMany("sections", MaxSections));
        }

        if (questions.Count > MaxQuestions)
        {
            throw Errors.InvalidParameter(ErrorTexts.EvaluationTooMany("questions", MaxQuestions));
        }

        foreach (var question in questions)
        {
            CheckQuestion(question);
        }

        if (complete && form.ScoringStrategy is { Status: "ENABLED" } scoring)
        {
            CheckWeights(form, scoring.Mode);
        }

        void Walk(EvaluationFormSection section, int depth)
        {
            // "Evaluation forms can only contain sections and subsections (two level nesting)."
            if (depth > 2)
            {
                throw Errors.InvalidParameter(ErrorTexts.EvaluationSectionTooDeep(section.RefId));
            }

            sections++;
            Unique(section.RefId);
            foreach (var item in section.Items)
            {
                if (One(item).Section is { } sub)
                {
                    Walk(sub, depth + 1);
                }
                else
                {
                    Unique(item.Question!.RefId);
                    questions.Add(item.Question);
                }
            }
        }

        void Unique(string refId)
        {
            if (!refIds.Add(refId))
            {
                throw Errors.InvalidParameter(ErrorTexts.EvaluationRefIdTwice(refId));
            }
        }
    }

    private static EvaluationFormItem One(EvaluationFormItem item) =>
        (item.Section is null) != (item.Question is null) ? item : throw Errors.InvalidParameter(ErrorTexts.EvaluationItemNotOne);

    /// <summary>
    /// The properties member named by the type and no other (TEXT may have none; DATETIME has none, [choice]); option
    /// RefIds unique in the question; a numeric range that is one, with option ranges inside it ([choice]); automation
    /// naming options of the question ([choice]).
    /// </summary>
    private static void CheckQuestion(EvaluationFormQuestion question)
    {
        var p = question.QuestionTypeProperties;
        (string Type, object? Value)[] members = [("NUMERIC", p?.Numeric), ("SINGLESELECT", p?.SingleSelect), ("TEXT", p?.Text), ("MULTISELECT", p?.MultiSelect)];
        foreach (var (type, value) in members)
        {
            var required = type == question.QuestionType && type != "TEXT";
            var allowed = type == question.QuestionType;
            if ((value is null && required) || (value is not null && !allowed))
            {
                throw Errors.InvalidParameter(ErrorTexts.EvaluationTypeProperties(question.RefId, question.QuestionType));
            }
        }

        if (p?.Numeric is { } numeric)
        {
            if (numeric.MinValue >= numeric.MaxValue)
            {
                throw Errors.InvalidParameter(ErrorTexts.EvaluationNumericRange(question.RefId, numeric.MinValue, numeric.MaxValue));
            }

            foreach (var option in numeric.Options ?? [])
            {
                if (option.MinValue > option.MaxValue || option.MinValue < numeric.MinValue || option.MaxValue > numeric.MaxValue)
                {
                    throw Errors.InvalidParameter(ErrorTexts.EvaluationNumericOption(question.RefId, option.MinValue, option.MaxValue));
                }
            }
        }

        if (p?.SingleSelect is { } single)
        {
            var options = Options(question.RefId, single.Options.Select(o => o.RefId));
            foreach (var automation in single.Automation?.Options ?? [])
            {
                RequireOption(question.RefId, options, automation.RuleCategory?.OptionRefId);
            }

            RequireOption(question.RefId, options, single.Automation?.DefaultOptionRefId);
        }

        if (p?.MultiSelect is { } multi)
        {
            var options = Options(question.RefId, multi.Options.Select(o => o.RefId));
            foreach (var refId in (multi.Automation?.Options ?? []).SelectMany(o => o.RuleCategory?.OptionRefIds ?? []).Concat(multi.Automation?.DefaultOptionRefIds ?? []))
            {
                RequireOption(question.RefId, options, refId);
            }
        }
    }

    private static HashSet<string> Options(string question, IEnumerable<string> refIds)
    {
        var options = new HashSet<string>(StringComparer.Ordinal);
        foreach (var refId in refIds)
        {
            if (!options.Add(refId))
            {
                throw Errors.InvalidParameter(ErrorTexts.EvaluationOptionRefIdTwice(refId, question));
            }
        }

        return options;
    }

    private static void RequireOption(string question, HashSet<string> options, string? refId)
    {
        if (refId is not null && !options.Contains(refId))
        {
            throw Errors.InvalidParameter(ErrorTexts.EvaluationNoSuchOption(refId, question));
        }
    }

    /// <summary>
    /// [choice] With scoring ENABLED (the Admin Guide: weights are percentages that total 100): SECTION_ONLY weighs the
    /// top-level sections, QUESTION_ONLY the questions of each section, each set summing to 100; items excluded from
    /// scoring weigh nothing. POINTS_BASED scoring uses points, not weights.
    /// </summary>
    private static void CheckWeights(FormVersion form, string mode)
    {
        var sections = form.Items.Select(i => i.Section!).Where(s => s.IsExcludedFromScoring != true).ToList();
        if (mode == "SECTION_ONLY")
        {
            Sum(sections.Select(s => s.Weight), "top-level sections");
        }
        else if (mode == "QUESTION_ONLY")
        {
            foreach (var section in AllSections(form.Items))
            {
                var questions = section.Items.Select(i => i.Question).OfType<EvaluationFormQuestion>()
                    .Where(q => q.ScoringConfiguration?.IsExcludedFromScoring != true).ToList();
                if (questions.Count > 0)
                {
                    Sum(questions.Select(q => q.Weight), $"questions of section '{section.RefId}'");
                }
            }
        }
    }

    private static IEnumerable<EvaluationFormSection> AllSections(IEnumerable<EvaluationFormItem> items) =>
        items.Select(i => i.Section).OfType<EvaluationFormSection>().SelectMany(s => AllSections(s.Items).Prepend(s));

    private static void Sum(IEnumerable<double?> weights, string what)
    {
        var total = weights.Sum(w => w ?? 0);
        if (Math.Abs(total - FullWeight) > 1e-6)
        {
            throw Errors.InvalidParameter(ErrorTexts.EvaluationWeights(what, total));
        }
    }
}
