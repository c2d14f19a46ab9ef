using System.Text.Json;

namespace ConnectLocal.Server.Control;

/// <summary>
/// A <see cref="Utf8JsonReader"/> over a stream, refilled as it goes: it holds the unread part of the current block
/// and, while <see cref="ReadValue"/> collects one value, that value — never the whole document. The buffer grows
/// only as far as the largest single value read with <see cref="ReadValue"/>.
/// </summary>
internal sealed class JsonStreamReader(Stream input)
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _final;
    private JsonReaderState _state;

    /// <summary>The type of the token <see cref="Read"/> last read (for <see cref="ReadValue"/>, of its first token).</summary>
    public JsonTokenType TokenType { get; private set; } = JsonTokenType.None;

    /// <summary>The text of the property name or string <see cref="Read"/> last read.</summary>
    public string? Text { get; private set; }

    /// <summary>The next token; false at the end of the document. Throws <see cref="JsonException"/> on malformed JSON.</summary>
    public bool Read()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                TokenType = reader.TokenType;
                Text = reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                Advance(ref reader);
                return true;
            }

            if (_final)
            {
                return false;
            }

            Fill();
        }
    }

    /// <summary>
    /// The bytes of the next whole value (an object or array with everything in it, or one scalar), valid until the
    /// next call; <see cref="TokenType"/> is its first token. An end of an object or array ends no value: it is
    /// consumed and returned empty, with <see cref="TokenType"/> saying which. Null at the end of the document.
    /// </summary>
    public ReadOnlyMemory<byte>? ReadValue()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            if (reader.Read())
            {
                var type = reader.TokenType;
                var begin = (int)reader.TokenStartIndex;
                if (type is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || reader.TrySkip())
                {
                    TokenType = type;
                    Text = null;
                    var value = type is JsonTokenType.EndObject or JsonTokenType.EndArray
                        ? ReadOnlyMemory<byte>.Empty
                        : _buffer.AsMemory(_start + begin, (int)reader.BytesConsumed - begin);
                    Advance(ref reader);
                    return value;
                }
            }

            if (_final)
            {
                return null;
            }

            Fill();
        }
    }

    private void Advance(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    /// <summary>Moves the unread bytes to the front, grows the buffer when they fill it, and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = input.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _final = true;
        }

        _end += read;
    }
}
