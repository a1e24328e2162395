using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;

namespace Portal.Domain.Debt.Queries;

public sealed partial class DebtQueries
{
    /// <summary>Fields left out of the history: the version moves with every save and says nothing to a reader.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "version" };

    /// <summary>Who changed what on an item and when, newest first, from the audit log (refused attempts included).</summary>
    public async Task<IReadOnlyList<DebtHistoryEntryDto>> HistoryAsync(Guid id, int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = id.ToString();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == DebtCommands.EntityType && a.EntityKey == key)
            .OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 1_000))
            .ToListAsync(ct);
        var names = entries.Select(e => EntityRef.Parse(e.Actor).Name).Distinct().ToList();
        var people = (await db.People.AsNoTracking().Where(p => names.Contains(p.Name))
                .Select(p => new { p.Namespace, p.Name, Display = p.Title ?? p.Name }).ToListAsync(ct))
            .ToDictionary(p => EntityRef.Format(p.Namespace, p.Name), p => p.Display, StringComparer.Ordinal);
        return [.. entries.Select(e => new DebtHistoryEntryDto(
            e.Id, e.At, e.Actor, people.GetValueOrDefault(e.Actor) ?? e.Actor, e.Action, e.Succeeded, Changes(e.Before, e.After), e.CorrelationId))];
    }

    /// <summary>The top-level fields whose JSON differs between two audit snapshots; a creation lists every field that has a value.</summary>
    internal static IReadOnlyList<DebtFieldChange> Changes(string? before, string? after)
    {
        var b = Parse(before);
        var a = Parse(after);
        var fields = b.Select(p => p.Key).Concat(a.Select(p => p.Key)).Distinct(StringComparer.Ordinal).Where(f => !Hidden.Contains(f));
        var changes = new List<DebtFieldChange>();
        foreach (var field in fields)
        {
            var was = Text(b[field]);
            var now = Text(a[field]);
            if (!string.Equals(was, now, StringComparison.Ordinal))
            {
                changes.Add(new DebtFieldChange(field, was, now));
            }
        }

        return changes;
    }

    /// <summary>The snapshot's fields, nested objects flattened one level (<c>report.hours</c>).</summary>
    private static JsonObject Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            var flat = new JsonObject();
            foreach (var (key, value) in JsonNode.Parse(json) as JsonObject ?? [])
            {
                if (value is JsonObject nested)
                {
                    foreach (var (inner, innerValue) in nested)
                    {
                        flat[key + "." + inner] = innerValue?.DeepClone();
                    }
                }
                else
                {
                    flat[key] = value?.DeepClone();
                }
            }

            return flat;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Count == 0 ? null : string.Join(", ", array.Select(x => x?.ToString())),
        JsonValue value when value.TryGetValue<string>(out var s) => string.IsNullOrEmpty(s) ? null : s,
        JsonObject obj => obj.ToJsonString(),
        _ => node.ToJsonString(),
    };
}
