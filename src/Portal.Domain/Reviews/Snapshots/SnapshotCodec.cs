using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Domain.Reviews.Snapshots;

/// <summary>
/// Writes and reads snapshot documents as gzip-compressed JSON: evidence repeats a lot, so a closed review of
/// 10,000 services stays a few tens of megabytes. Enums are written by name, so reordering one never changes
/// what an old record says.
/// </summary>
public static class SnapshotCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Pack<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, value, Json);
        }

        return buffer.ToArray();
    }

    public static T Unpack<T>(byte[] packed)
    {
        using var zip = new GZipStream(new MemoryStream(packed, writable: false), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<T>(zip, Json) ?? throw new InvalidDataException($"An empty {typeof(T).Name} was stored.");
    }
}
