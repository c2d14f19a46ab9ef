using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConnectLocal.Model.Metadata;

/// <summary>restJson1's default timestamp format: epoch seconds as a JSON number, fractions allowed.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var seconds = reader.GetDouble();
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000d));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var millis = value.ToUnixTimeMilliseconds();
        if (millis % 1000 == 0)
        {
            writer.WriteNumberValue(millis / 1000);
        }
        else
        {
            writer.WriteNumberValue(millis / 1000m);
        }
    }
}

/// <summary>For the timestamp shapes the model marks <c>timestampFormat: iso8601</c>.</summary>
public sealed class Iso8601TimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}
