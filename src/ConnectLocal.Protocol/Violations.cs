using System.Collections;
using System.Text.Json;
using ConnectLocal.Model.Metadata;

namespace ConnectLocal.Protocol;

/// <summary>
/// The violations of one request: every one is counted, the first <see cref="MaxReported"/> are kept as text.
/// [choice] A body of a million empty list items must not become a message of a million sentences
/// (docs/wire-choices.md); past the limit a violation costs a count, not a string.
/// </summary>
internal sealed class Violations : IReadOnlyList<string>
{
    public const int MaxReported = 100;

    private readonly List<string> _reported = [];

    /// <summary>Every violation found, reported or not.</summary>
    public int Total { get; private set; }

    /// <summary>The violations kept as text (at most <see cref="MaxReported"/>).</summary>
    public int Count => _reported.Count;

    public string this[int index] => _reported[index];

    public void Add(string violation)
    {
        Total++;
        if (_reported.Count < MaxReported)
        {
            _reported.Add(violation);
        }
    }

    /// <summary>Adds a violation that quotes its value; the value is rendered only while there is room to report it.</summary>
    public void Add(ShapeDescriptor shape, JsonElement value, string path, string constraint)
    {
        Total++;
        if (_reported.Count < MaxReported)
        {
            _reported.Add(RequestValidator.Violation(shape, value, path, constraint));
        }
    }

    public IEnumerator<string> GetEnumerator() => _reported.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
