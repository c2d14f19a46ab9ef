namespace ConnectLocal.Core.Evaluations;

// The structures of an evaluation form, one record per model structure, members named and typed as the model has them
// (the generic JSON mapping reads and writes them by name). Written out from the model's shapes reachable from
// CreateEvaluationFormRequest; a structure the model marks as a union keeps every member optional.

public sealed record EvaluationFormItem(EvaluationFormSection? Section, EvaluationFormQuestion? Question);

public sealed record EvaluationFormSection(string Title, string RefId, string? Instructions, IReadOnlyList<EvaluationFormItem> Items, double? Weight, bool? IsExcludedFromScoring, IReadOnlyList<EvaluationFormScoreThreshold>? ScoreThresholds);

public sealed record EvaluationFormScoreThreshold(string PerformanceCategory, double? MinScorePercentage, double? MaxScorePercentage);

public sealed record EvaluationFormQuestion(string Title, string? Instructions, string RefId, bool? NotApplicableEnabled, string QuestionType, EvaluationFormQuestionTypeProperties? QuestionTypeProperties, EvaluationFormItemEnablementConfiguration? Enablement, double? Weight, EvaluationFormQuestionScoringConfiguration? ScoringConfiguration);

public sealed record EvaluationFormQuestionTypeProperties(EvaluationFormNumericQuestionProperties? Numeric, EvaluationFormSingleSelectQuestionProperties? SingleSelect, EvaluationFormTextQuestionProperties? Text, EvaluationFormMultiSelectQuestionProperties? MultiSelect);

public sealed record EvaluationFormNumericQuestionProperties(int MinValue, int MaxValue, IReadOnlyList<EvaluationFormNumericQuestionOption>? Options, EvaluationFormNumericQuestionAutomation? Automation);

public sealed record EvaluationFormNumericQuestionOption(int MinValue, int MaxValue, int? Score, bool? AutomaticFail, AutomaticFailConfiguration? AutomaticFailConfiguration, QuestionOptionPointsConfiguration? PointsConfiguration);

public sealed record AutomaticFailConfiguration(string? TargetSection);

public sealed record QuestionOptionPointsConfiguration(int PointValue, bool? IsBonus);

public sealed record EvaluationFormNumericQuestionAutomation(NumericQuestionPropertyValueAutomation? PropertyValue, EvaluationFormQuestionAutomationAnswerSource? AnswerSource);

public sealed record NumericQuestionPropertyValueAutomation(string Label);

public sealed record EvaluationFormQuestionAutomationAnswerSource(string SourceType);

public sealed record EvaluationFormSingleSelectQuestionProperties(IReadOnlyList<EvaluationFormSingleSelectQuestionOption> Options, string? DisplayAs, EvaluationFormSingleSelectQuestionAutomation? Automation);

public sealed record EvaluationFormSingleSelectQuestionOption(string RefId, string Text, int? Score, bool? AutomaticFail, AutomaticFailConfiguration? AutomaticFailConfiguration, QuestionOptionPointsConfiguration? PointsConfiguration);

public sealed record EvaluationFormSingleSelectQuestionAutomation(IReadOnlyList<EvaluationFormSingleSelectQuestionAutomationOption>? Options, string? DefaultOptionRefId, EvaluationFormQuestionAutomationAnswerSource? AnswerSource);

public sealed record EvaluationFormSingleSelectQuestionAutomationOption(SingleSelectQuestionRuleCategoryAutomation? RuleCategory);

public sealed record SingleSelectQuestionRuleCategoryAutomation(string Category, string Condition, string OptionRefId);

public sealed record EvaluationFormTextQuestionProperties(EvaluationFormTextQuestionAutomation? Automation);

public sealed record EvaluationFormTextQuestionAutomation(EvaluationFormQuestionAutomationAnswerSource? AnswerSource);

public sealed record EvaluationFormMultiSelectQuestionProperties(IReadOnlyList<EvaluationFormMultiSelectQuestionOption> Options, string? DisplayAs, EvaluationFormMultiSelectQuestionAutomation? Automation);

public sealed record EvaluationFormMultiSelectQuestionOption(string RefId, string Text, int? Score, bool? AutomaticFail, AutomaticFailConfiguration? AutomaticFailConfiguration, QuestionOptionPointsConfiguration? PointsConfiguration);

public sealed record EvaluationFormMultiSelectQuestionAutomation(IReadOnlyList<EvaluationFormMultiSelectQuestionAutomationOption>? Options, IReadOnlyList<string>? DefaultOptionRefIds, EvaluationFormQuestionAutomationAnswerSource? AnswerSource);

public sealed record EvaluationFormMultiSelectQuestionAutomationOption(MultiSelectQuestionRuleCategoryAutomation? RuleCategory);

public sealed record MultiSelectQuestionRuleCategoryAutomation(string Category, string Condition, IReadOnlyList<string> OptionRefIds);

public sealed record EvaluationFormItemEnablementConfiguration(EvaluationFormItemEnablementCondition Condition, string Action, string? DefaultAction);

public sealed record EvaluationFormItemEnablementCondition(IReadOnlyList<EvaluationFormItemEnablementConditionOperand> Operands, string? Operator);

public sealed record EvaluationFormItemEnablementConditionOperand(EvaluationFormItemEnablementExpression? Expression, EvaluationFormItemEnablementCondition? Condition);

public sealed record EvaluationFormItemEnablementExpression(EvaluationFormItemEnablementSource Source, IReadOnlyList<EvaluationFormItemEnablementSourceValue> Values, string Comparator);

public sealed record EvaluationFormItemEnablementSource(string Type, string? RefId);

public sealed record EvaluationFormItemEnablementSourceValue(string Type, string? RefId);

public sealed record EvaluationFormQuestionScoringConfiguration(QuestionPointsConfiguration? PointsConfiguration, bool? IsExcludedFromScoring, IReadOnlyList<EvaluationFormScoreThreshold>? ScoreThresholds);

public sealed record QuestionPointsConfiguration(int? MaxPointValue, int? MinPointValue, bool? IsBonus);

public sealed record EvaluationFormScoringStrategy(string Mode, string Status, IReadOnlyList<EvaluationFormScoreThreshold>? ScoreThresholds);

public sealed record EvaluationFormAutoEvaluationConfiguration(bool Enabled);

public sealed record EvaluationReviewConfiguration(IReadOnlyList<EvaluationReviewNotificationRecipient> ReviewNotificationRecipients, int? EligibilityDays);

public sealed record EvaluationReviewNotificationRecipient(string Type, EvaluationReviewNotificationRecipientValue Value);

public sealed record EvaluationReviewNotificationRecipientValue(string? UserId);

public sealed record EvaluationFormTargetConfiguration(string ContactInteractionType);

public sealed record EvaluationFormLanguageConfiguration(string? FormLanguage);
