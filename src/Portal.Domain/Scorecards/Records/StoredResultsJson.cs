using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Portal.Domain.Scorecards.Records;

/// <summary>
/// How a stored scorecard's results are written as JSON: fields at their default (false, null, the first enum value)
/// and the computed <see cref="CriterionResult.Satisfied"/> are left out, which reads back to the same results and
/// halves what a full pass over 10,000 services writes. Rows written with every field (before this) read the same.
/// </summary>
internal static class StoredResultsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutComputed } },
    };

    public static ValueConverter<List<CriterionResult>, string> Converter { get; } = new(
        v => JsonSerializer.Serialize(v, Options),
        s => string.IsNullOrEmpty(s) ? new List<CriterionResult>() : JsonSerializer.Deserialize<List<CriterionResult>>(s, Options) ?? new List<CriterionResult>());

    private static void LeaveOutComputed(JsonTypeInfo info)
    {
        if (info.Type == typeof(CriterionResult))
        {
            foreach (var property in info.Properties.Where(p => p.Name == "satisfied").ToList())
            {
                info.Properties.Remove(property);
            }
        }
    }
}
