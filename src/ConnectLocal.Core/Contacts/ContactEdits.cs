using ConnectLocal.Core.TaskTemplates;

namespace ConnectLocal.Core.Contacts;

/// <summary>
/// What the API changed on a contact after it began — UpdateContact (name, description, references), TagContact and
/// UntagContact (its user-defined tags), PauseContact and ResumeContact — kept beside the routing
/// engine's contact for as long as the engine keeps the contact (docs/routing.md, "Changing a contact"). Not
/// thread-safe: callers hold the instance's routing lock.
/// </summary>
public sealed class ContactEdits
{
    /// <summary>"You can add up to 6 user-defined tags" to a contact (granular billing); aws: tags are the system's and do not count.</summary>
    public const int MaxUserTags = 6;

    /// <summary>The tag AWS adds to every contact, naming its instance (granular billing); DescribeContact shows it with the user's tags.</summary>
    public const string InstanceTag = "aws:connect:instanceId";

    private readonly Dictionary<string, string> _tags = new(StringComparer.Ordinal);

    /// <summary>The name UpdateContact set (null: as the contact began); <see cref="NameSet"/> tells an empty one from none.</summary>
    public string? Name { get; private set; }

    public bool NameSet { get; private set; }

    public string? Description { get; private set; }

    public bool DescriptionSet { get; private set; }

    /// <summary>The contact's references after UpdateContact (null: as the contact began).</summary>
    public IReadOnlyDictionary<string, ContactReference>? References { get; private set; }

    public IReadOnlyDictionary<string, string> Tags => _tags;

    /// <summary>Since when the contact is paused (null: it is not).</summary>
    public DateTimeOffset? PausedSince { get; private set; }

    public DateTimeOffset? LastPausedAt { get; private set; }

    public DateTimeOffset? LastResumedAt { get; private set; }

    public int PauseCount { get; private set; }

    /// <summary>How long the contact was paused, its pauses that ended (a pause in progress counts from <see cref="PausedSince"/>).</summary>
    public TimeSpan PausedBefore { get; private set; }

    /// <summary>
    /// UpdateContact: the members it carries replace the contact's. [choice] An empty Name or Description clears it;
    /// references merge by name, a reference named again replacing the one before (docs/routing.md).
    /// </summary>
    public void Update(string? name, string? description, IReadOnlyDictionary<string, ContactReference>? references,
        IReadOnlyDictionary<string, ContactReference>? startedWith)
    {
        if (name is not null)
        {
            Name = name.Length == 0 ? null : name;
            NameSet = true;
        }

        if (description is not null)
        {
            Description = description.Length == 0 ? null : description;
            DescriptionSet = true;
        }

        if (references is not null)
        {
            var merged = new Dictionary<string, ContactReference>(References ?? startedWith ?? new Dictionary<string, ContactReference>(), StringComparer.Ordinal);
            foreach (var (key, reference) in references)
            {
                merged[key] = reference;
            }

            References = merged;
        }
    }

    /// <summary>
    /// TagContact: the tags are added, a key already there taking the new value. [choice] More than
    /// <see cref="MaxUserTags"/> user-defined tags in all is InvalidParameterException, and nothing is added.
    /// </summary>
    public void Tag(IReadOnlyDictionary<string, string> tags)
    {
        var count = _tags.Count + tags.Keys.Count(k => !_tags.ContainsKey(k));
        if (count > MaxUserTags)
        {
            throw Errors.InvalidParameter(ErrorTexts.TooManyContactTags(count, MaxUserTags));
        }

        foreach (var (key, value) in tags)
        {
            _tags[key] = value;
        }
    }

    /// <summary>UntagContact: [choice] a key the contact does not have is ignored.</summary>
    public void Untag(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            _tags.Remove(key);
        }
    }

    /// <summary>PauseContact. [choice] A contact already paused is ConflictException.</summary>
    public void Pause(DateTimeOffset now)
    {
        if (PausedSince is not null)
        {
            throw Errors.Conflict(ErrorTexts.ContactAlreadyPaused);
        }

        PausedSince = now;
        LastPausedAt = now;
        PauseCount++;
    }

    /// <summary>ResumeContact. [choice] A contact that is not paused is ConflictException.</summary>
    public void Resume(DateTimeOffset now)
    {
        if (PausedSince is not { } since)
        {
            throw Errors.Conflict(ErrorTexts.ContactNotPaused);
        }

        PausedBefore += now - since;
        PausedSince = null;
        LastResumedAt = now;
    }

    /// <summary>The time paused so far, a pause in progress included (until <paramref name="until"/>: now, or when the contact ended paused).</summary>
    public TimeSpan PausedFor(DateTimeOffset until) => PausedBefore + (PausedSince is { } since && until > since ? until - since : TimeSpan.Zero);
}
