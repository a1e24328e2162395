using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Scorecards.Evaluation;

/// <summary>
/// A fingerprint of a scorecard's results without their evaluation time: an unchanged fingerprint means nothing to
/// write. Every field of <see cref="CriterionResult"/> except <see cref="CriterionResult.EvaluatedAt"/> is written,
/// length-prefixed, into one buffer that is hashed once (SHA-256, hex). Serialising the results to JSON for this cost
/// a full pass over 10,000 services more than the evaluation itself; this costs a small part of it.
/// </summary>
public static class ResultsFingerprint
{
    /// <summary>64 hex digits, the same for results that differ only in when they were evaluated.</summary>
    public static string Of(IReadOnlyList<CriterionResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream(results.Count * 256);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(results.Count);
            foreach (var r in results)
            {
                writer.Write(r.Criterion);
                writer.Write((int)r.Signal);
                writer.Write((int)r.Level);
                writer.Write((int)r.Mode);
                writer.Write((int)r.Status);
                writer.Write(r.Evidence);
                Write(writer, r.DataAsOf?.Ticks);
                writer.Write(r.FrameworkVersion);
                writer.Write(r.Flagged);
                Write(writer, r.FlagReason);
                writer.Write(r.Upcoming);
                Write(writer, (int?)r.StatusWithoutExemption);
                Write(writer, r.ChangesOn?.DayNumber);
                Write(writer, (int?)r.LevelAfterChange);
                Write(writer, (int?)r.StatusAfterChange);
            }
        }

        return Convert.ToHexString(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    private static void Write(BinaryWriter writer, long? value)
    {
        writer.Write(value.HasValue);
        if (value is { } v)
        {
            writer.Write(v);
        }
    }

    private static void Write(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }
}
