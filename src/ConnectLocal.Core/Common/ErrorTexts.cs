namespace ConnectLocal.Core.Common;

/// <summary>
/// The domain's error messages, in one place (the way garnet keeps its wire strings in CmdStrings): a handler never
/// writes a message, and a message used by several operations is spelled once. Short, in the style Connect uses.
/// Tests assert these texts word for word: change one only on purpose. (The routing engine's texts still live in
/// Routing/, which is being reworked separately.)
/// </summary>
public static class ErrorTexts
{
    // Any resource: lookups, names, quotas, tags and the references that keep a resource from being deleted.
    public static string NotFound(string noun) => $"{noun} not found";

    public static string Duplicate(string noun, string name) => $"{noun} with name '{name}' already exists";

    public static string QuotaReached(string noun, int quota) => $"The instance already has {quota} {noun}.";

    public static string TooManyTags(int max) => $"A resource can have at most {max} tags.";

    public static string InUseBy(string noun, string holderNoun, string holderName) => $"{noun} is in use by {holderNoun} '{holderName}'";

    // Paging and idempotency, shared by every list and create operation.
    public const string InvalidPageToken = "The nextToken is not valid.";
    public const string ClientTokenReused = "The ClientToken was already used with a different request.";

    // Search filters (Search* operations).
    public const string TagConditionWithoutKey = "Invalid parameter: a TagCondition requires a TagKey";
    public const string IncompleteStringCondition = "Invalid parameter: a StringCondition requires FieldName, Value and ComparisonType";

    public static string UnsupportedSearchField(string field, IEnumerable<string> supported) =>
        $"Invalid parameter: FieldName {field} is not supported; use one of {string.Join(", ", supported)}";

    public static string UnsupportedComparison(string comparison) => $"Invalid parameter: ComparisonType {comparison}";

    // SearchContacts (docs/routing.md, "Searching contacts").
    public static string ContactSearchRangeReversed(string at) => $"Invalid parameter: {at} StartTime must not be after EndTime";

    public static string ContactSearchRangeTooLong(string at, int weeks) => $"Invalid parameter: {at} must span at most {weeks} weeks";

    public const string ContactNotDismissable = "Only a contact that has ended for the agent (in after-contact work) can be dismissed.";

    public static string ContactSearchTimeCriterion(string at) => $"Invalid parameter: {at} needs exactly one of TimeRange and TimestampCondition";

    // Instances: CreateInstance; the "Invalid Input." prefix is what Connect puts on its InvalidRequestException texts.
    public const string InstanceOfClientTokenDeleted = "The instance created with this ClientToken was deleted.";
    public const string DirectoryIdRequired = "Invalid Input. DirectoryId is required for EXISTING_DIRECTORY.";
    public const string InstanceAliasRequired = "Invalid Input. InstanceAlias is required.";
    public const string InstanceAliasTaken = "Invalid Input. Instance alias is already used.";

    public static string InstancesPerRegion(int max, string region) => $"The account already has {max} instances in {region}.";

    // Hours of operation.
    public static string ParentOf(string childName) => $"Hours of operation is a parent of hours of operation '{childName}'";

    public static string InvalidTimeZone(string timeZone) => $"Invalid parameter: TimeZone '{timeZone}' is not a valid time zone";

    public static string ParentHoursRepeated(string idOrArn) =>
        $"Invalid parameter: parent hours of operation '{idOrArn}' is listed more than once";

    // Queues and quick connects.
    public const string AgentQueueNotDeletable = "Agent queues cannot be deleted; they are deleted with their user";
    public const string AgentQueueNotUpdatable = "Agent queues cannot be updated";
    public const string QuickConnectToAgentQueue = "Invalid parameter: a QUEUE quick connect names a standard queue; use a USER quick connect for an agent";

    public static string QuickConnectConfigMismatch(string type) =>
        $"Invalid parameter: a quick connect of type {type} takes {type switch { "USER" => "UserConfig", "QUEUE" => "QueueConfig", "PHONE_NUMBER" => "PhoneConfig", _ => "FlowConfig" }} and no other configuration";

    public static string QuickConnectsPerQueue(int max) => $"A queue can have at most {max} quick connects.";

    // Routing profiles: their queue configs (queue and channel pairs) and media concurrencies.
    public const string DefaultRoutingProfileNotDeletable = "The default routing profile cannot be deleted.";
    public const string NameOrDescriptionRequired = "Invalid parameter: at least one of Name or Description must be provided";
    public const string QueueConfigsEmpty = "Invalid parameter: QueueConfigs must include at least 1 item";
    public const string QueueReferencesEmpty = "Invalid parameter: QueueReferences must include at least 1 item";
    public const string MediaConcurrenciesEmpty = "Invalid parameter: MediaConcurrencies must include at least 1 item";

    public static string RoutingProfileAssigned(int users) => $"Routing profile is assigned to {users} user(s) and cannot be deleted.";

    public static string QueueConfigsPerRoutingProfile(int max) =>
        $"A routing profile can have at most {max} queue configurations (queue and channel pairs).";

    public static string TooManyQueueReferences(int max) => $"Invalid parameter: QueueReferences must include at most {max} items";

    public static string QueueAlreadyAssociated(string queueId, string channel) =>
        $"Invalid parameter: queue {queueId} is already associated with the routing profile on channel {channel}";

    public static string QueueNotAssociated(string queueId, string channel) =>
        $"Invalid parameter: queue {queueId} is not associated with the routing profile on channel {channel}";

    public static string QueueChannelRepeated(string queueId, string channel) =>
        $"Invalid parameter: queue {queueId} on channel {channel} is listed more than once";

    public static string ChannelRepeated(string channel) => $"Invalid parameter: channel {channel} is listed more than once in MediaConcurrencies";

    public static string ConcurrencyOutOfRange(int concurrency, string channel, int max) => max == 1
        ? $"Invalid parameter: concurrency {concurrency} for channel {channel}; {channel} allows exactly 1"
        : $"Invalid parameter: concurrency {concurrency} for channel {channel}; {channel} allows 1 to {max}";

    // Users: identity, password and phone settings, and agent status.
    public const string DirectoryManagedIdentity = "FirstName, LastName and Email are managed by the directory and cannot be updated.";
    public const string PasswordRequired = "Password is required for an instance that uses Amazon Connect for identity management.";
    public const string SamlEmailNotAllowed = "IdentityInfo.Email must not be set for an instance that uses SAML identity management.";
    public const string PhoneConfigRequired = "PhoneConfig is required.";
    public const string PhoneTypeRequired = "PhoneConfig.PhoneType is required.";
    public const string DeskPhoneNumberRequired = "PhoneConfig.DeskPhoneNumber is required when PhoneType is DESK_PHONE.";
    public const string AgentStatusDisabled = "The agent status is disabled.";

    /// <summary>The message real CreateUser calls were seen to return for a username already taken.</summary>
    public static string UsernameTaken(string username, string instanceId) =>
        $"The user {username} is already associated with the Amazon Connect instance {instanceId}";

    public static string PasswordNotAllowed(string identityManagementType) =>
        $"Password must not be set for an instance that uses {identityManagementType} identity management.";

    public static string IdentityNamesRequired(string identityManagementType) =>
        $"IdentityInfo.FirstName and IdentityInfo.LastName are required for an instance that uses {identityManagementType} identity management.";

    public static string AfterContactWorkTimeLimitTooHigh(int max) => $"PhoneConfig.AfterContactWorkTimeLimit must be at most {max}.";

    // Global Resiliency: ReplicateInstance and DeleteInstance of a replicated instance.
    public const string ReplicaOfClientTokenDeleted = "The replica created with this ClientToken was deleted.";
    public const string InstanceWithoutAlias = "Invalid Input. An instance without an alias cannot be replicated.";
    public const string InstanceNotActive = "Invalid Input. Only an ACTIVE instance can be replicated.";
    public const string ReplicaDeletionDuringReplication = "Invalid Input. The replica cannot be deleted while the replication is in progress.";
    public const string ReplicaHasTdgs = "Invalid Input. Delete the instance's traffic distribution groups before deleting its replica.";
    public const string ReplicaDefaultTdgHasPhoneNumbers =
        "Invalid Input. Release the phone numbers claimed to the default traffic distribution group before deleting the replica.";

    public static string ReplicaRegionSameAsSource(string region) =>
        $"Invalid Input. The replica Region must differ from the instance's Region ({region}).";

    public static string AlreadyReplicated(string replicaRegion) => $"Invalid Input. The instance is already replicated to {replicaRegion}.";

    public static string InstanceIsReplica(string sourceRegion) => $"Invalid Input. The instance is a replica of the instance in {sourceRegion}.";

    public static string UnpairedReplicaRegion(string sourceRegion, string replicaRegion) =>
        $"Invalid Input. Instances in {sourceRegion} cannot be replicated to {replicaRegion}.";

    public static string InstanceHasReplica(string replicaRegion) =>
        $"Invalid Input. The instance has a replica in {replicaRegion}; delete the replica first.";

    // Global Resiliency: traffic distribution groups (TDGs) and their users.
    public const string TdgOfClientTokenDeleted = "The traffic distribution group created with this ClientToken was deleted.";
    public const string InstanceNotReplicated = "Invalid Input. The instance is not replicated; replicate it with ReplicateInstance first.";
    public const string ReplicationInProgress = "The instance's replication is still in progress.";
    public const string ReplicaBeingDeleted = "The instance's replica is being deleted.";
    public const string DefaultTdgNotDeletable = "Invalid Input. The default traffic distribution group cannot be deleted; it is deleted with the replica.";
    public const string InstanceNotOfTdg = "Invalid Input. The instance is not the traffic distribution group's instance.";

    public static string TdgOutsideSourceRegion(string sourceRegion) =>
        $"Invalid Input. Traffic distribution groups are created in the instance's source Region ({sourceRegion}).";

    public static string TdgHasPhoneNumbers(int count) =>
        $"The traffic distribution group has {count} phone number(s) claimed to it; release them or move them first.";

    public static string TdgNotDeletable(string status) => $"Invalid Input. The traffic distribution group is {status}.";

    public static string TdgNotActive(string status) =>
        $"The traffic distribution group is {status}; its traffic distribution can be updated only when it is ACTIVE.";

    public static string UserInOtherTdg(string groupId) => $"The user is already associated with traffic distribution group {groupId}.";

    public static string TdgOperationOutsideItsRegion(string operation, string region) =>
        $"{operation} can only be called in the Region where the traffic distribution group was created ({region}).";

    // Global Resiliency: UpdateTrafficDistribution; config is TelephonyConfig, SignInConfig or AgentConfig.
    public const string DistributionConfigRequired = "Invalid Input. At least one of TelephonyConfig, SignInConfig or AgentConfig must be provided.";
    public const string SignInConfigOnlyOnDefaultTdg = "Invalid Input. SignInConfig can only be changed on the default traffic distribution group.";

    public static string DistributionStep(string config, int step, string region, int percentage) =>
        $"Invalid Input. {config}: traffic must be distributed in increments of {step}% ({region}: {percentage}%).";

    public static string DistributionTotal(string config, int required, int actual) =>
        $"Invalid Input. {config}: the distribution must add up to {required}% (it adds up to {actual}%).";

    public static string RegionNotOfTdg(string config, string region, string tdgRegion, string tdgReplicaRegion) =>
        $"Invalid Input. {config}: {region} is not a Region of the traffic distribution group ({tdgRegion}, {tdgReplicaRegion}).";

    public static string DistributionRegionRepeated(string config, string region) => $"Invalid Input. {config}: {region} is listed more than once.";

    public static string DistributionRegionMissing(string config, string tdgRegion, string tdgReplicaRegion) =>
        $"Invalid Input. {config}: a distribution is required for each Region of the traffic distribution group ({tdgRegion}, {tdgReplicaRegion}).";

    // Global Resiliency: phone numbers (ClaimPhoneNumber, UpdatePhoneNumber, search and release).
    public const string PhoneNumberOfClientTokenReleased = "The phone number claimed with this ClientToken was released.";
    public const string PhoneNumberTargetRequired = "You must enter InstanceId or TargetArn.";
    public const string PhoneNumberTargetAmbiguous = "Enter InstanceId or TargetArn, not both.";
    public const string InvalidPhoneNumberPrefix = "PhoneNumberPrefix must start with + and the country code.";

    public static string PhoneNumberNotAvailable(string phoneNumber) => $"The phone number {phoneNumber} is not available to claim.";

    public static string PhoneNumbersPerRegion(int max, string region) => $"The account already has {max} phone numbers in {region}.";

    public static string TdgTargetOutsideItsRegion(string operation, string region) =>
        $"{operation} to a traffic distribution group can only be called in the Region where it was created ({region}).";

    public static string PhoneNumberOperationOutsideItsRegion(string operation, string region) =>
        $"{operation} can only be called in the Region where the phone number was claimed ({region}).";

    // Contact attributes (StartChatContact, StartTaskContact, UpdateContactAttributes).
    public const string AttributeKeyCharacters = "Attribute keys can include only alphanumeric, dash, and underscore characters.";

    public static string AttributesTooLarge(long bytes, long max) =>
        $"The attributes are {bytes} UTF-8 bytes across all key-value pairs; a contact can have up to {max}.";

    // Changing a contact after it began (UpdateContact, TagContact, PauseContact, TransferContact; docs/routing.md).
    public static string TooManyContactTags(int count, int max) => $"A contact can have at most {max} user-defined tags; this request would give it {count}.";

    public const string UpdateContactNothingToUpdate = "At least one field to be updated must be present in the request.";

    public static string UpdateContactExternalAudioOnly(string member) => $"{member} can only be updated for external audio contacts.";

    public const string UpdateContactSegmentAttributesNotKept = "ConnectLocal keeps no segment attributes on contacts; SegmentAttributes cannot be updated.";

    public const string ContactAlreadyPaused = "The contact is already paused.";
    public const string ContactNotPaused = "The contact is not paused.";
    public const string PauseOnlyTasks = "Only task contacts can be paused and resumed.";
    public const string ContactNotActive = "The contact is not active.";
    public const string PauseNeedsQueueOrAgent = "Only a task waiting in a queue or connected to an agent can be paused.";

    public const string ScheduleOnlyScheduledTasks = "Only a task contact that is still scheduled can be rescheduled.";

    // Contact flows: the flow language (docs/flows.md). Each problem names its action where it has one.
    public const string FlowContentInvalid = "Invalid flow content.";
    public const string FlowNotJson = "The flow content is not valid JSON.";
    public const string FlowNotObject = "The flow content must be a JSON object.";
    public const string FlowActionsNotList = "Actions must be a list of actions.";
    public const string FlowActionNotObject = "An action must be a JSON object.";
    public const string FlowStartActionMissing = "StartAction is required.";
    public const string FlowActionIdentifierRepeated = "Identifier is used by more than one action.";
    public const string FlowActionWithoutType = "Type is required.";
    public const string FlowChangedSince = "The flow has changed since the content or version given.";

    public static string FlowVersionsForCampaignsOnly(string type) =>
        $"Versions can be created only for flows of type CAMPAIGN; this flow is of type {type}.";

    public static string FlowVersion(string? version, string expected) => $"Version '{version}' is not supported; use '{expected}'.";

    public static string FlowStartActionUnknown(string identifier) => $"StartAction '{identifier}' is not an action of the flow.";

    public static string FlowActionWithoutIdentifier(string? type) => $"An action of type '{type}' has no Identifier.";

    public static string FlowActionTypeUnknown(string type) => $"Action type '{type}' is not supported.";

    public static string FlowActionNotAllowed(string type, string flowType) => $"Action type '{type}' is not allowed in a {flowType} flow.";

    public static string FlowActionWithoutConditions(string type) => $"Action type '{type}' has no Conditions.";

    public static string FlowTransitionToMissingAction(string target) => $"Transition to '{target}', which is not an action of the flow.";

    public static string FlowReferenceMissing(string parameter, string value) => $"{parameter} '{value}' does not exist in the instance.";

    // Flow modules (issue 14, modules part).
    public const string FlowModuleChangedSince = "The flow module has changed since the content given.";
    public const string FlowModuleVersionNoun = "Contact flow module version";
    public const string FlowModuleAliasNoun = "Contact flow module alias";

    public static string FlowModuleVersionAliased(long version, string alias) => $"Version {version} is used by alias '{alias}'.";

    // Email addresses and queue email addresses (issue 15).
    public const string EmailAliasOfItself = "An email address cannot be an alias of itself.";
    public const string EmailAliasChain = "Email aliases cannot be chained: an alias cannot have an alias, and an alias cannot be a primary address.";

    public static string EmailAliasTaken(string primary) => $"Email address '{primary}' already has an alias.";

    public static string EmailAliasElsewhere(string alias, string primary) => $"Email address '{alias}' is already an alias of '{primary}'.";

    public static string EmailNotAlias(string alias, string primary) => $"Email address '{alias}' is not an alias of '{primary}'.";

    public static string EmailAddressesPerQueue(int max) => $"A queue can have up to {max} email addresses, the outbound one included.";

    // Hours of operation overrides and parent hours (issue 15).
    public const string RecurrencePatternInvalid =
        "Invalid RecurrencePattern: ByMonth (YEARLY only) and ByMonthDay take one value each, ByMonthDay and ByWeekdayOccurrence exclude each other and need MONTHLY or YEARLY, and 0 is no day.";

    public static string OverridesPerHours(int max) => $"An hours of operation can have up to {max} overrides.";

    public static string ParentHoursCycle(string name) => $"Hours of operation '{name}' cannot be a parent: it is the child itself or inherits from it.";

    public static string ParentHoursLimit(int max) => $"An hours of operation can have up to {max} parent hours of operation.";

    public static string DateRangeReversed(string from, string till) => $"The end date {till} is before the start date {from}.";

    public static string DateRangeTooLong(int days) => $"The date range can span at most {days} days.";

    public static string InvalidDate(string text) => $"'{text}' is not a date (yyyy-MM-dd).";

    public static string OverrideSlotEndsBeforeStart(string day) => $"An override slot on {day} must end after it starts.";

    public const string OverrideSlotIncomplete = "Every override slot needs a Day, a StartTime and an EndTime.";

    // Manual-assignment queues of routing profiles (issue 15).
    public const string ManualAssignmentVoice = "Manual assignment queues do not support the VOICE channel.";

    public static string ManualQueueAlreadyAssociated(string queueId, string channel) =>
        $"Queue {queueId} is already a manual assignment queue of the routing profile on channel {channel}.";

    public static string ManualQueueNotAssociated(string queueId, string channel) =>
        $"Queue {queueId} is not a manual assignment queue of the routing profile on channel {channel}.";

    public static string ManualQueuesPerRoutingProfile(int max) => $"A routing profile can have up to {max} manual assignment queue and channel pairs.";
    // Integrations and instance settings (docs/integrations.md).
    public static string LambdaFunctionAlreadyAssociated(string arn) => $"Lambda function '{arn}' is already associated with the instance.";

    public static string ApprovedOriginAlreadyAssociated(string origin) => $"Origin '{origin}' is already approved for the instance.";

    public static string IntegrationQuota(int quota, string what) => $"The instance already has {quota} {what}.";

    public const string BotAlreadyAssociated = "The bot is already associated with the instance.";
    public const string BotVersionRequired = "Exactly one of LexBot or LexV2Bot is required.";
    public const string LexBotIncomplete = "LexBot requires Name and LexRegion.";
    public const string SecurityKeyAlreadyAssociated = "The security key is already associated with the instance.";
    public const string EventSourceRequired = "SourceApplicationUrl, SourceApplicationName and SourceType are required for the EVENT integration type.";
    public const string SourceOnlyForEvent = "SourceApplicationUrl, SourceApplicationName and SourceType apply only to the EVENT integration type.";
    public const string IntegrationAssociationHasUseCases = "The integration association has use cases; delete them first.";

    public static string StorageConfigExists(string resourceType) => $"A storage config for resource type {resourceType} already exists.";

    public static string StorageConfigMissing(string storageType) => $"A storage config of type {storageType} requires its configuration.";

    public static string StorageConfigExtra(string storageType) => $"A storage config of type {storageType} takes only its own configuration.";

    public static string IntegrationAlreadyAssociated(string arn) => $"Integration '{arn}' is already associated with the instance.";

    public static string UseCaseExists(string useCaseType) => $"The integration association already has a use case of type {useCaseType}.";
    // User hierarchy (hierarchy-users): groups and the structure's levels.
    public static string HierarchyGroupNameTooLong(int max) => $"Invalid parameter: a hierarchy group name must not be more than {max} characters";

    public static string HierarchyLevelNameTooLong(int max) => $"Invalid parameter: a hierarchy level name must not be more than {max} characters";

    public static string HierarchyLevelGap(string level, string above) => $"Invalid parameter: {level} requires {above}";

    public static string HierarchyLevelInUse(string level, string groupName) => $"{level} cannot be removed: hierarchy group '{groupName}' is at that level";

    public static string HierarchyLevelUndefined(string level) => $"The hierarchy structure has no {level}; define it with UpdateUserHierarchyStructure first";

    public static string HierarchyTooDeep(int depth) => $"A hierarchy has at most {depth} levels; the parent group is at the lowest level";

    // Security profiles and agent statuses (issue 15).
    public const string SecurityProfileInUse = "Security profile is assigned to one or more users";

    public static string HierarchyRestrictedResourceUnknown(string name) => $"HierarchyRestrictedResources does not support '{name}'; supported: User.";

    public static string SystemAgentStatusReadOnly(string name) => $"The system agent status '{name}' cannot be updated.";

    public static string ThirdPartyApplicationPermission(string ns) => $"Application '{ns}' is a third-party application: its only permission is ACCESS.";

    public static string SecurityProfileApplicationRepeated(string ns) => $"Application '{ns}' is listed more than once.";

    public static string SecurityProfileFlowModuleRepeated(string id) => $"Flow module '{id}' is listed more than once.";

    public const string SecurityProfileEntityType = "The only supported EntityType is AI_AGENT.";

    public static string SecurityProfileEntityArn(string arn) => $"EntityArn '{arn}' is not the ARN of a Q in Connect AI agent of this account and Region.";

    public const string AgentStatusOrderAndReset = "DisplayOrder and ResetOrderNumber cannot be used together.";
    // Flow references and flow associations (docs/flows.md, "References to flows").
    public const string FlowAssociationNoun = "Flow association";
    public const string FlowAssociationResourceNoun = "Resource";
    public const string PhoneNumberNoun = "Phone number";

    /// <summary>What StartChatContact answers for a ContactFlowId the instance does not have (observed; docs/flows.md).</summary>
    public const string ContactFlowOfContactNotFound = "Resource not found of Type: null";

    public static string FlowOfWrongType(string flow, string type, string expected) =>
        $"Contact flow '{flow}' is of type {type}; a flow of type {expected} is required here.";

    public static string FlowNotUsable(string flow, string status, string state) =>
        $"Contact flow '{flow}' is {status} and {state}; only a PUBLISHED, ACTIVE flow can be used.";
    // Vocabularies (issue 15, iac branch): CreateVocabulary, DeleteVocabulary, AssociateDefaultVocabulary, and the
    // FailureReason of a table that fails its creation (docs/vocabularies.md).
    public static string VocabularyContentTooLarge(int maxBytes) => $"Invalid Input. The vocabulary content must not be more than {maxBytes} bytes.";

    public static string VocabularyNameTaken(string name) => $"A vocabulary with name '{name}' already exists.";

    public static string VocabularyBusy(string state) => $"The vocabulary is {state}.";

    public static string VocabularyOtherLanguage(string actual, string requested) => $"The vocabulary's language is {actual}, not {requested}.";

    public static string VocabularyNotActive(string state) => $"Only an ACTIVE vocabulary can be a default; this one is {state}.";

    public static string VocabularyUnknownColumn(string column) =>
        $"The header row names an unknown column '{column}'; the columns are Phrase, IPA, SoundsLike and DisplayAs.";

    public const string VocabularyHeaderInvalid = "The header row must name Phrase, and each column at most once.";

    public static string VocabularyRowTooWide(int row, int columns) => $"Row {row} has more than {columns} fields.";

    public static string VocabularyRowWithoutPhrase(int row) => $"Row {row} has no phrase.";

    public static string VocabularyPhraseWithSpace(int row) => $"The phrase in row {row} contains a space; join its words with hyphens.";

    public static string VocabularyIpaAndSoundsLike(int row) => $"Row {row} gives both IPA and SoundsLike; give one of them.";

    public const string VocabularyWithoutPhrases = "The vocabulary has no phrases.";
    // Searches, user config, predefined attributes and proficiencies (users-search).
    public const string UserSearchFilterCombined = "A SearchFilter can have a TagFilter or a UserAttributeFilter, not both.";
    public const string UserAttributeFilterOneField = "Invalid parameter: only one field of a UserAttributeFilter can be populated";
    public const string ListConditionTargetRequired = "Invalid parameter: a ListCondition requires TargetListType PROFICIENCIES";
    public const string ListConditionOneOf = "Invalid parameter: a Condition requires exactly one of StringCondition and NumberCondition";
    public const string IncompleteNumberCondition = "Invalid parameter: a NumberCondition requires FieldName, ComparisonType and the values its comparison uses";
    public const string IncompleteHierarchyGroupCondition = "Invalid parameter: a HierarchyGroupCondition requires Value and HierarchyGroupMatchType";

    public static string TooManyAttributeConditions(string what, int max) => $"Invalid parameter: a UserAttributeFilter allows at most {max} {what} conditions";

    public const string AfterContactWorkLimitRequired = "Invalid parameter: an AfterContactWorkConfig requires AfterContactWorkTimeLimit";

    public static string ChannelConfiguredTwice(string channel) => $"Invalid parameter: channel {channel} is configured twice in one list";

    public static string VoiceOnlySetting(string what, string channel) => $"Invalid parameter: {what} supports only the VOICE channel, not {channel}";

    public const string ChannelDeskPhoneNumberRequired = "Invalid parameter: a PhoneNumberConfig with PhoneType DESK_PHONE requires PhoneNumber";

    public static string ChannelAfterContactWorkTooHigh(int max) => $"Invalid parameter: AfterContactWorkTimeLimit must be at most {max} seconds";

    public static string PredefinedAttributeText(string text) =>
        $"Invalid parameter: '{text}' is not a valid predefined attribute name or value (letters, digits, spaces and _.:/=+-@' only, not starting with aws: or connect:)";

    public static string PredefinedValueTwice(string value) => $"Invalid parameter: value '{value}' is given twice";

    public static string PredefinedValueInUse(string value) => $"Value '{value}' cannot be removed: a user's proficiency names it";

    public static string PredefinedAttributeInUse(string name) => $"Predefined attribute '{name}' is used by a user's proficiency";

    public static string NotAPredefinedValue(string value, string name) => $"Invalid parameter: '{value}' is not a value of predefined attribute '{name}'";

    public static string ProficiencyLevel(double level) =>
        $"Invalid parameter: proficiency level {level.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not one of 1, 2, 3, 4 and 5";

    public static string ProficiencyNotAssociated(string name, string value) => $"The user has no proficiency {name}={value}; associate it first";

    public static string TooManyProficiencies(int max) => $"A user can have at most {max} proficiencies";

    // Task templates and views (templates-views branch, issue 15).
    public const string TaskTemplateConstraintsRequired = "Invalid parameter: Constraints are required, with the field of type NAME among RequiredFields";

    public const string TaskTemplateStatusRequired = "Invalid parameter: Status is required when updating a task template";

    public const string TaskTemplateWithoutFlow = "Invalid parameter: a task template needs a ContactFlowId or a field of type QUICK_CONNECT";

    public static string TaskTemplateFieldTwice(string name) => $"Invalid parameter: field '{name}' is defined more than once";

    public static string TaskTemplateFieldWithoutType(string name) => $"Invalid parameter: field '{name}' has no Type";

    public static string TaskTemplateSingleSelectOptions(string name) =>
        $"Invalid parameter: field '{name}': SingleSelectOptions are required for a field of type SINGLE_SELECT and allowed for no other type";

    public static string TaskTemplateNameFieldCount(int count) => $"Invalid parameter: a task template must have exactly one field of type NAME, not {count}";

    public static string TaskTemplateNameFieldNotRequired(string name) => $"Invalid parameter: the NAME field '{name}' must be listed in RequiredFields";

    public static string TaskTemplateUnknownField(string name) => $"Invalid parameter: '{name}' is not a field of the task template";

    public static string TaskTemplateSnapshotNotFound(string version) => $"Task template snapshot '{version}'";

    public const string ViewTemplateNotJson = "Invalid parameter: the view's Template must be a JSON object";

    public const string ViewPublishedWithoutTemplate = "Invalid parameter: PUBLISHED content requires a Template";

    public const string ViewActionTwice = "Invalid parameter: an action is listed more than once";

    public static string ViewContentTooLarge(int kilobytes) => $"Invalid parameter: the view's content is larger than {kilobytes} kB";

    public const string ViewMetadataEmpty = "Invalid parameter: either Name or Description must be provided";

    public const string ViewNotPublished = "View has no published content ($LATEST); describe it as <view-id>:$SAVED";

    public const string ViewChecksumMismatch = "ViewContentSha256 does not match the content of $LATEST";

    public static string ViewVersionNotFound(string version) => $"View version '{version}'";
    // Rules and evaluation forms (issue 15, rules-evals): docs/rules-evaluations.md.
    public static string RuleIntegrationRequired(string source) => $"Invalid Input. TriggerEventSource {source} requires an IntegrationAssociationId.";

    public static string RuleActionMismatch(string actionType) => $"Invalid Input. An action of type {actionType} takes exactly the parameters of that type.";

    public static string RuleActionUnsupported(string actionType, string source) => $"Invalid Input. Action type {actionType} is not supported for event source {source}.";

    public static string RuleNameFixed(string source) => $"Invalid Input. The name of a rule on event source {source} cannot be changed.";

    public const string EvaluationItemNotOne = "Invalid parameter: an evaluation form item is either a Section or a Question";
    public const string EvaluationQuestionOutsideSection = "Invalid parameter: questions must be contained in a section";

    public static string EvaluationSectionTooDeep(string refId) => $"Invalid parameter: section '{refId}' nests too deep; forms hold sections and subsections only";

    public static string EvaluationTooMany(string what, int max) => $"Invalid parameter: an evaluation form can have at most {max} {what}";

    public static string EvaluationRefIdTwice(string refId) => $"Invalid parameter: RefId '{refId}' is used more than once in the evaluation form";

    public static string EvaluationOptionRefIdTwice(string refId, string question) => $"Invalid parameter: option RefId '{refId}' is used more than once in question '{question}'";

    public static string EvaluationNoSuchOption(string refId, string question) => $"Invalid parameter: '{refId}' is not an option of question '{question}'";

    public static string EvaluationTypeProperties(string question, string type) =>
        $"Invalid parameter: question '{question}' of type {type} takes the QuestionTypeProperties of its type only";

    public static string EvaluationNumericRange(string question, int min, int max) => $"Invalid parameter: question '{question}' has MinValue {min} not below MaxValue {max}";

    public static string EvaluationNumericOption(string question, int min, int max) =>
        $"Invalid parameter: option range {min}-{max} of question '{question}' is not a range within the question's";

    public static string EvaluationWeights(string what, double total) =>
        $"Invalid parameter: the weights of the {what} total {total.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not 100";

    public static string EvaluationVersionLocked(int version) => $"Evaluation form version {version} is locked; update it with CreateNewVersion";

    public static string EvaluationVersionAlreadyActive(int version) => $"Evaluation form version {version} is already active";

    public static string EvaluationVersionNotActive(int version) => $"Evaluation form version {version} is not active";

    public static string EvaluationSearchConditionUnsupported(string member) =>
        $"Invalid parameter: {member} is not supported by this emulator's SearchEvaluationForms; use StringCondition";

    public static string EvaluationVersionActiveNotDeleted(int version) => $"Evaluation form version {version} is active; deactivate it before deleting it";
    // ImportPhoneNumber and DeleteContactFlowVersion (issue 15, backup-restore)
    public const string ContactFlowVersionNoun = "Contact flow version";

    public static string NotAnImportablePhoneNumberArn(string arn) =>
        $"Invalid parameter: '{arn}' is not the ARN of an AWS End User Messaging phone number (arn:aws:sms-voice:<region>:<account>:phone-number/phone-<32 hexadecimal digits>)";

    public static string PhoneNumberAlreadyImported(string arn) => $"The phone number {arn} has already been imported.";

    public const string NoPhoneNumberToImport = "No phone number of the import range is free.";

    // StartTaskContact: where a task starts (docs/routing.md, "Tasks").
    public const string TaskFlowSourceCount = "Provide exactly one of ContactFlowId, QuickConnectId or TaskTemplateId.";
    public const string TaskOfTemplateWithoutFlow = "The task template has no flow to run the task: give a template with a ContactFlowId.";
    public const string TaskTemplateInactive = "The task template is INACTIVE: tasks can be created only from an ACTIVE template.";
    public static string TaskQuickConnectType(string type) => $"Tasks can be started only with a USER or QUEUE quick connect, not {type}.";
    public const string ScheduledTimeInPast = "ScheduledTime cannot be in the past.";
    public const string ScheduledTimeTooFar = "ScheduledTime must be at most 6 days in the future.";
    public const string PreviousContactChainFull = "There are already 12 task contacts with this PreviousContactId.";

    // Workspaces (issue 15, workspaces): docs/workspaces.md.
    public const string WorkspacePageNoun = "Workspace page";
    public const string WorkspaceMediaNoun = "Workspace media";

    public static string WorkspaceDescriptionTooLong(int max) => $"Invalid parameter: a workspace description can have at most {max} characters";

    public static string WorkspacePageReservedPrefix(string page) => $"Invalid parameter: page '{page}' uses a reserved prefix (aws: or connect:)";

    public static string WorkspacePagesQuota(int max) => $"The workspace already has {max} pages.";

    public static string WorkspaceSlugTaken(string slug) => $"A page of the workspace already has the slug '{slug}'";

    public const string WorkspaceMediaSourceInvalid = "Invalid parameter: MediaSource must be an https URL or base64-encoded data";

    public const string WorkspaceInputDataNotJson = "Invalid parameter: InputData must be a JSON object";

    public static string WorkspaceAssociationNotUserOrProfile(string arn) => $"'{arn}' is not the ARN of a user or a routing profile";

    public static string WorkspaceAssociationNotFound(string arn) => $"No user or routing profile '{arn}' in the instance";

    public static string WorkspaceNotAssociated(string arn) => $"'{arn}' is not associated with the workspace";
    // config-rest (issue 15): search date conditions, evaluation form validation, contact task templates, authentication profiles
    public const string IncompleteDateCondition = "Invalid parameter: a DateCondition requires FieldName, Value and ComparisonType";
    public const string EvaluationValidationNoun = "Evaluation form validation";

    // UpdateContactTaskTemplate (config-rest)
    public const string ContactNotATask = "The contact is not a task contact.";

    public const string TaskNotWaiting = "The task contact is connected to an agent or has ended.";

    public const string TaskAlreadyUsesTemplate = "The task contact already uses this task template.";

    public static string TaskTemplateUpdatesExhausted(int max) => $"The task template of a contact can be updated at most {max} times.";

    public static string TaskReferenceMissing(string field) => $"The task has no reference for the required field '{field}'.";

    public static string TaskReferenceType(string field, string fieldType, string referenceType) =>
        $"The reference '{field}' must be of type {referenceType} for the template's {fieldType} field.";

    public static string TaskReferenceTooLong(string field, int limit) => $"The reference '{field}' must be fewer than {limit} characters.";

    public static string TaskReferenceNotBoolean(string field) => $"The reference '{field}' must be true or false.";

    // GetCurrentMetricData's documented filter and grouping rules (docs/routing.md, "Real-time metrics").
    public const string MetricFiltersQueueAndProfile = "You cannot filter by both Queues and RoutingProfiles.";
    public static string MetricFilterNeedsQueues(string filter) => $"The {filter} filter needs Queues as the primary filter.";
    public const string MetricStepExpressionNeedsOneQueue = "The RoutingStepExpressions filter needs exactly one queue in Queues.";
    public const string MetricStepExpressionNeedsGrouping = "The RoutingStepExpressions filter needs the ROUTING_STEP_EXPRESSION grouping.";
    public static string MetricGroupingNeedsQueueFirst(string grouping) => $"Grouping by {grouping} needs QUEUE as the primary grouping and a Queues filter.";
    public const string MetricAgentStatusOnlyOnline = "Grouped by AGENT_STATUS, the only metric available is AGENTS_ONLINE.";
    public static string MetricRoutingProfileGroupingNeedsProfiles(string metric) =>
        $"Grouping by ROUTING_PROFILE with {metric} needs a RoutingProfiles filter.";
    public static string MetricSortNotSupported(string metric) => $"Sorting on {metric} is not supported.";

    // StartOutboundVoiceContact: "If you do not specify a source phone number, you must specify a queue."
    public const string OutboundNeedsSourceOrQueue = "Provide a SourcePhoneNumber or a QueueId.";

    // Data tables (issue 15, datatables): Core/DataTables.
    public const string DataTableAttributeNoun = "Data table attribute";

    public const string DataTableValueNoun = "Data table value";

    public const string DataTableRecordNoun = "Data table record";

    public const string DataTableVersionNoun = "Data table version";

    public static string DataTableAttributesQuota(int quota) => $"The data table already has {quota} attributes.";

    public static string DataTableNameBlank(string noun) => $"Invalid parameter: the {noun.ToLowerInvariant()} name is blank once trimmed";

    public static string DataTableNameReserved(string noun, string name) =>
        $"Invalid parameter: the {noun.ToLowerInvariant()} name '{name}' starts with a reserved prefix ('connect:' or 'aws:')";

    public static string DataTableAliasNotAllowed(string alias) => $"Invalid parameter: this operation does not take the version alias {alias}";

    public static string DataTableRuleInvalid(string attribute, string rule) => $"Invalid parameter: validation of attribute '{attribute}': {rule}";

    public static string DataTableValueNotBoolean(string attribute) => $"The value of attribute '{attribute}' must be true or false";

    public static string DataTableValueNotNumber(string attribute) => $"The value of attribute '{attribute}' must be a number";

    public static string DataTableValueNotList(string attribute, string valueType) =>
        $"The value of attribute '{attribute}' must be a JSON array of {(valueType == "TEXT_LIST" ? "strings" : "numbers")}";

    public static string DataTableValueCount(string attribute, int min, int max) => $"The value of attribute '{attribute}' must hold {min} to {max} items";

    public static string DataTableValueLength(string attribute, int min, int max) => $"The value of attribute '{attribute}' must be {min} to {max} characters long";

    public static string DataTableValueOutOfRange(string attribute) => $"The value of attribute '{attribute}' is outside the attribute's range";

    public static string DataTableValueNotMultiple(string attribute, double step) =>
        $"The value of attribute '{attribute}' must be a multiple of {step.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string DataTableValueNotInEnum(string attribute, string value) => $"The value '{value}' is not one of the values attribute '{attribute}' allows";

    public static string DataTableValueOfPrimaryAttribute(string attribute) =>
        $"Attribute '{attribute}' is a primary attribute; its values are given as PrimaryValues";

    public static string DataTableValueExists(string attribute) => $"A value of attribute '{attribute}' already exists for these primary values";

    public static string DataTableNotPrimaryAttribute(string attribute) => $"Invalid parameter: '{attribute}' is not a primary attribute of the data table";

    public static string DataTablePrimaryValueTwice(string attribute) => $"Invalid parameter: primary attribute '{attribute}' is given more than once";

    public const string DataTablePrimaryValuesIncomplete = "Invalid parameter: primary values must name every primary attribute of the data table";

    public const string DataTableHasNoPrimaryAttributes = "Invalid parameter: the data table has no primary attributes";

    public static string DataTableLockVersionMissing(string level) => $"The lock version for lock level {level} is required";

    public const string DataTableLockVersionStale = "The lock version is not the current one; read the value again";

    public const string DataTablePrimaryValuesTaken = "A record with these primary values already exists";

    public const string DataTablePrimaryValuesCollide = "The change would give two records the same primary values";

    public static string DataTablePrimaryValueUnfit(string attribute, string value) => $"The primary value '{value}' is not a valid value of attribute '{attribute}'";

    // CreateUser's identity rules (model prose): DirectoryUserId with SAML.
    public const string SamlDirectoryUserIdNotAllowed = "DirectoryUserId must not be set for an instance that uses SAML identity management.";

    // StartChatContact's documented rules (model prose).
    public const string ChatContentTypesNeedPlainText = "SupportedMessagingContentTypes must contain text/plain.";
    public static string ChatContentTypeUnsupported(string type) => $"'{type}' is not a supported messaging content type.";
    public const string ChatRelatedAndPersistent = "You cannot provide both RelatedContactId and PersistentChat.";
    public const string ChatGuideNeedsInteractiveTypes =
        "SegmentAttributes connect:Subtype connect:Guide needs application/vnd.amazonaws.connect.message.interactive and application/vnd.amazonaws.connect.message.interactive.response in SupportedMessagingContentTypes.";

    // Users: names in Unicode NFC (lead, issue 18)
    public const string IdentityNamesNotNfc = "FirstName and LastName must be in Unicode Normalization Form C (NFC).";

    // Global Resiliency mirroring and ReplicateInstance preconditions (issue 16, gr-mirroring).
    public static string MirroredChangesPending(int count) => $"{count} mirrored resource change(s) not yet applied in this Region.";
    public const string ReplicationNeedsSaml = "Invalid Input. Only an instance with SAML identity management can be replicated.";

    // rules-c (issue 18): prose rules of the Update* operations and StopContact.
    public static string FlowContentLength(int max) => $"Invalid parameter: the flow content must be 1 to {max} characters long.";
    public const string DisconnectReasonOnlyFromCampaigns = "DisconnectReason can be provided only by outbound campaigns.";
    public static string RuleDateReferenceNotEpoch(string name) => $"Reference '{name}' of type DATE must be an epoch timestamp.";
    public const string CallerNumberArnWithInstance = "Invalid parameter: OutboundCallerIdNumberId must be a phone number ARN without the instance in its path.";

    // rules-a (issue 18, prose rules of AssociateEmailAddressAlias .. CreateUser).
    public static string UsernameTooLong(int max, string identityManagementType) => $"Invalid parameter: the user name must be at most {max} characters for an instance using {identityManagementType} identity management.";
    public const string UsernameSamlCharacters = "Invalid parameter: with SAML identity management the user name may contain only letters, digits and _ - . @ characters.";
    public const string UsernameAtOutsideEmail = "Invalid parameter: the user name may contain @ only as an email address (for example testuser@example.com).";
    public static string PhoneConfigConflictsWithChannelLists(string phoneMember, string list) => $"Invalid parameter: PhoneConfig.{phoneMember} cannot be set together with {list}.";

    // rules-b (issue 18, prose rules): the data plane's documented rules (Contacts/ContactStartRules, CurrentMetrics, GetCurrentUserData).
    public static string SegmentAttributeKeyCharacters(string key) =>
        $"Segment attribute key '{key}' can include only alphanumeric characters, '-' and '_' (after the connect: namespace of system attributes).";
    public static string SegmentAttributeSystemOnly(string key, string member) =>
        $"Segment attribute '{key}': {member} is supported for system-defined attributes only.";
    public const string ContactExpiryShape =
        "Segment attribute connect:ContactExpiry needs a ValueMap with ExpiryDuration given as a ValueInteger number of minutes.";
    public static string ReferenceDateNotEpoch(string name) => $"Reference '{name}' is of type DATE: its value must be an epoch timestamp.";
    public static string ChatInitialMessageTooLarge(int max) => $"InitialMessage.Content must not be more than {max} bytes.";
    public const string CreatedByUserUnknown = "Segment attribute connect:CreatedByUser must name a user of the instance by its ARN (ValueString).";
    public const string PersistentChatNeedsRehydrationType = "PersistentChat needs a RehydrationType.";
    public const string AnswerMachineDetectionNeedsCampaign = "EnableAnswerMachineDetection needs TrafficType CAMPAIGN.";
    public const string DestinationNotAllowedByDefault = "Outbound calls to UK mobile numbers (+447) are not allowed by default; they need a service quota increase.";
    public const string UserDataOneFilter = "Only one of the Queues, RoutingProfiles, Agents and UserHierarchyGroups filters can be given.";
    public static string MetricFilterTooMany(string filter, int max) => $"The {filter} filter takes at most {max} items.";
    public static string MetricIdsTooMany(int max) => $"At most {max} CurrentMetrics can use a MetricId.";
    public static string MetricUnitOfCustomMetric(string metricId) => $"The Unit parameter is not supported for the custom metric {metricId}.";

    // Global routing: GetCrossRegionRouting / UpdateCrossRegionRouting (issue 16, cross-region-routing).
    public const string CrossRegionRoutingNeedsReplica = "Invalid Input. Cross-Region routing is available only for an instance replicated with Global Resiliency.";
    public static string CrossRegionRoutingDuringReplication(string status) => $"The cross-Region routing cannot be changed while the instance's replication status is {status}.";

    // rules-gaps (issue 18, the last gaps of docs/rules.md).
    public static string ContainsValueLength(string field, int min, int max) =>
        $"Invalid parameter: a CONTAINS value on {field} must be {min} to {max} characters long.";
    public const string CampaignCallsNotAllowedByDefault = "Campaign calls (TrafficType CAMPAIGN) are not allowed by default; they need a service quota increase for Connect campaigns.";
    public static string ActiveTasksQuota(int quota) => $"The instance already has {quota} open tasks, its active tasks quota.";
    public static string ChannelAfterContactWorkTooLow(int min) => $"Invalid parameter: a channel's AfterContactWorkTimeLimit must be at least {min} second.";
    public static string RoutingStepExpressionNotJson(string expression) => $"The routing step expression '{expression}' is not a JSON value.";

    /// <summary>A flow's dynamic value resolved to text that looks like JSON but is not (a flow log's error detail).</summary>
    public static string FlowValueNotJson(string text) => $"the value '{text}' is not JSON";
    // Routing criteria (Core/Routing/RoutingCriteria.cs, UpdateContactRoutingData, the UpdateRoutingCriteria flow action).
    public const string RoutingCriteriaNoSteps = "RoutingCriteria needs at least one step.";
    public const string RoutingStepNoExpression = "it has no Expression";
    public const string RoutingStepExpiry = "Expiry.DurationInSeconds must be at least 1";
    public const string RoutingExpressionMembers = "an Expression sets exactly one of AttributeCondition, AndExpression, OrExpression and NotAttributeCondition";
    public const string RoutingExpressionEmptyList = "an AndExpression or OrExpression needs at least one expression";
    public const string RoutingRangeReversed = "Range.MinProficiencyLevel is above Range.MaxProficiencyLevel";
    public const string RoutingDataNothingToUpdate = "Give at least one of QueuePriority, QueueTimeAdjustmentSeconds and RoutingCriteria.";
    public const string RoutingDataPriorityAndAdjustment = "Give either QueuePriority or QueueTimeAdjustmentSeconds, not both.";
    public const string RoutingDataContactNotWaiting = "The contact is not waiting in a queue (or its flow): its routing data can no longer change.";
    public static string RoutingStepProblem(int index, string problem) => $"Invalid RoutingCriteria: step {index}: {problem}.";
    public static string RoutingExpressionTooDeep(int max) => $"expressions nest at most {max} deep";
    public static string RoutingConditionNeeds(string comparisonOperator, string members) => $"an AttributeCondition with ComparisonOperator {comparisonOperator} needs {members}";
    public static string RoutingConditionOperator(string? comparisonOperator) =>
        $"ComparisonOperator '{comparisonOperator}' is not one of NumberGreaterOrEqualTo, Range and Match";
    public static string RoutingConditionTooLong(string member, int max) => $"an AttributeCondition's {member} is longer than {max} characters";
    public static string RoutingLevel(string level) => $"the proficiency level {level} is not one of 1.0, 2.0, 3.0, 4.0 and 5.0";

    // Test cases (Core/TestCases/TestCase.cs).
    public const string TestCaseContentInvalid = "The test case content is not valid.";
    public const string TestCasePublishedNoun = "Published version of the test case";
    public const string TestCaseInitializationDataNotJson = "InitializationData must be a valid JSON string.";
    public const string TestCaseContentNotJson = "Content is not valid JSON.";
    public const string TestCaseContentNotObject = "Content must be a JSON object.";
    public const string TestCaseNoObservations = "Observations must list at least one observation.";
    public static string TestCaseVersion(string? given, string expected) => $"Version '{given}' is not supported: use '{expected}'.";
    public static string TestObservationNoIdentifier(int index) => $"Observation #{index} has no Identifier.";
    public static string TestObservationRepeated(string identifier) => $"Observation Identifier '{identifier}' is used more than once.";
    public static string TestObservationNoEvent(string observation) => $"Observation '{observation}' has no Event object.";
    public static string TestObservationActions(string observation) => $"Observation '{observation}': Actions must be a list of action objects.";
    public static string TestObservationUnknownNext(string observation, string next) => $"Observation '{observation}' transitions to '{next}', which is not an observation of the test.";
    public static string TestCaseEntryPointMismatch(string? type) =>
        $"Invalid parameter: an entry point of type {type ?? "(none)"} takes {(type switch { "VOICE_CALL" => "VoiceCallEntryPointParameters", "CHAT" => "ChatEntryPointParameters", _ => "a Type" })} and no other parameters";

    // Notifications (Core/Notifications/Notification.cs).
    public const string NotificationExpiresInPast = "Invalid parameter: ExpiresAt must be in the future.";
    public const string NotificationContentEmpty = "Invalid parameter: Content needs the text of at least one locale.";
    public static string NotificationContentTooLong(string locale, int max) => $"Invalid parameter: the content for {locale} is longer than {max} characters.";
    public static string NotificationRecipient(string recipient) => $"Invalid parameter: recipient '{recipient}' is neither a user ARN nor the instance ARN.";
    public static string NotificationNotSentToUser(string userId) => $"The notification was not sent to user '{userId}'.";

    // Attached files (Core/AttachedFiles, docs/attached-files.md).
    public const string AttachedFileIdentityArnGiven = "CreatedBy.AWSIdentityArn cannot be given: it is the identity of the caller.";
    public static string AttachedFileUseCase(string useCase) => $"FileUseCaseType {useCase} is not supported: only ATTACHMENT is.";
    public static string AttachedFileResourceArnInvalid(string arn) =>
        $"AssociatedResourceArn '{arn}' is not the ARN of a case, an email contact or a task contact of this instance.";
    public static string AttachedFileContactUnknown(string contactId) => $"Contact {contactId} of the AssociatedResourceArn was not found.";
    public static string AttachedFileContactChannel(string contactId, string channel) =>
        $"Contact {contactId} is a {channel} contact: files can be attached only to TASK and EMAIL contacts.";
    public static string AttachedFileUserArnInvalid(string arn) => $"CreatedBy.ConnectUserArn '{arn}' is not the ARN of a user of this instance.";
    public static string AttachedFileNameInvalid(string name) => $"The file name '{name}' is not valid.";
    public static string AttachedFileNoExtension(string name) => $"The file name '{name}' has no extension.";
    public static string AttachedFileTypeNotAllowed(string extension, string scope) => $"Files with the extension '{extension}' are not allowed in the {scope} attachment scope.";
    public static string AttachedFileTooLarge(long size, long limit, string scope) =>
        $"The file size {size} exceeds the maximum of {limit} bytes of the {scope} attachment scope.";
    public static string AttachedFileCountQuota(int max) => $"The associated resource already has the maximum of {max} attached files.";
    public static string AttachedFileSizeQuota(long max) => $"The attached files of the associated resource would exceed the maximum total of {max} bytes.";
    public static string AttachedFileNotUploaded(string fileId) => $"File {fileId} has not been uploaded to its upload URL.";
    public static string AttachedFileSizeMismatch(long uploaded, long declared) =>
        $"The uploaded file has {uploaded} bytes, not the {declared} bytes declared in StartAttachedFileUpload.";
    public static string AttachedFileNotFound(string fileId) => $"File {fileId} not found on the associated resource.";
    // The pre-signed URLs' refusals (Server/Control/AttachedFileTransfer.cs), in S3's words where S3 has them.
    public const string AttachedFileUrlExpired = "Request has expired";
    public const string AttachedFileUrlNoFile = "The specified key does not exist.";
    public const string AttachedFileUrlCompleted = "The attached file is no longer PROCESSING: its upload was completed.";
    public const string AttachedFileUrlTooLarge = "Your proposed upload exceeds the maximum allowed size (the FileSizeInBytes given to StartAttachedFileUpload).";
    public const string AttachedFileUrlInvalid = "The request signature we calculated does not match the signature you provided.";
    public static string AttachedFileExtensionTwice(string extension) => $"The extension '{extension}' is listed more than once.";
}
