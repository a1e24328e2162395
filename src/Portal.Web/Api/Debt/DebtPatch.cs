using System.Text.Json;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Debt.Queries;
using Portal.Domain.Debt;
using Portal.Domain.Signals;

namespace Portal.Web.Api.Debt;

/// <summary>
/// Turns API bodies into <see cref="DebtItemEdit"/>s: a full request for POST, or the fields present in a PATCH laid
/// over the item as it is. Every problem names its field (a <see cref="DomainValidationException"/>).
/// </summary>
internal static class DebtPatch
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The request as an edit, with every missing or unreadable field listed (the edit's own checks come on top).</summary>
    public static (DebtItemEdit Edit, List<DebtFieldProblem> Problems) ToEdit(DebtItemRequest r)
    {
        var problems = new List<DebtFieldProblem>();
        T Required<T>(T? value, string field, T fallback)
            where T : struct
        {
            if (value is null)
            {
                problems.Add(new DebtFieldProblem(field, "is required"));
            }

            return value ?? fallback;
        }

        T Enum<T>(string? text, string field, T fallback, bool required = true)
            where T : struct, System.Enum
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                if (required)
                {
                    problems.Add(new DebtFieldProblem(field, "is required"));
                }

                return fallback;
            }

            try
            {
                return DebtEnums.Parse<T>(text, field);
            }
            catch (DomainValidationException ex)
            {
                problems.Add(new DebtFieldProblem(field, ex.Reason));
                return fallback;
            }
        }

        var signal = ScalingSignal.CompoundingShortcuts;
        if (string.IsNullOrWhiteSpace(r.Signal))
        {
            problems.Add(new DebtFieldProblem("signal", "is required"));
        }
        else if (!ScalingSignals.TryParse(r.Signal, out signal))
        {
            problems.Add(new DebtFieldProblem("signal", SignalError(r.Signal)));
        }

        var links = new List<DebtLink>();
        foreach (var link in r.Links ?? [])
        {
            try
            {
                links.Add(link.ToLink());
            }
            catch (DomainValidationException ex)
            {
                problems.Add(new DebtFieldProblem("links", ex.Reason));
            }
        }

        var edit = new DebtItemEdit(
            r.Title ?? "",
            r.Description,
            r.Services ?? [],
            r.Owner,
            signal,
            Enum(r.Kind, "kind", DebtKind.Code),
            Enum(r.Quadrant, "quadrant", DebtQuadrant.InadvertentPrudent),
            Required(r.Likelihood, "likelihood", 3),
            Required(r.Impact, "impact", 3),
            Required(r.EffortDays, "effortDays", 1),
            r.InterestOverride,
            r.PayBackBy,
            Enum(r.Status, "status", DebtStatus.Proposed, required: false),
            r.TargetQuarter,
            r.WontFixReason,
            r.RevisitOn,
            r.BusinessOutcome,
            links)
        {
            FindingKey = string.IsNullOrWhiteSpace(r.FindingKey) ? null : r.FindingKey.Trim(),
        };
        return (edit, problems);
    }

    /// <summary>
    /// The item with the body's fields laid over it, the version the body says it read (null when missing), and every
    /// field that could not be read (all of them, not only the first).
    /// </summary>
    public static (DebtItemEdit Edit, int? Version, List<DebtFieldProblem> Problems) Apply(DebtItemDetailsDto current, JsonElement body)
    {
        var problems = new List<DebtFieldProblem>();
        var s = current.Summary;
        var edit = new DebtItemEdit(
            s.Title, current.Description, [.. s.Services.Select(x => x.Ref)], current.OwnerOverridden ? s.Owner?.Ref : null, s.Signal, s.Kind, s.Quadrant,
            s.Likelihood, s.Impact, s.EffortDays, current.InterestOverride, s.PayBackBy, s.Status, s.TargetQuarter, current.WontFixReason,
            current.RevisitOn, current.BusinessOutcome, current.Links);
        if (body.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new DebtFieldProblem("body", "must be a JSON object with the fields to change and the version you read"));
            return (edit, null, problems);
        }

        int? version = null;
        foreach (var p in body.EnumerateObject())
        {
            var v = p.Value;
            try
            {
                edit = p.Name.ToLowerInvariant() switch
                {
                    "version" => SetVersion(edit, ref version, Read<int>(v, "version")),
                    "title" => edit with { Title = Read<string>(v, "title") ?? throw Missing("title") },
                    "description" => edit with { Description = Read<string?>(v, "description") },
                    "services" => edit with { Services = Read<List<string>>(v, "services") ?? [] },
                    "owner" => edit with { OwnerTeam = Read<string?>(v, "owner") },
                    "signal" => edit with { Signal = Signal(Read<string>(v, "signal")) },
                    "kind" => edit with { Kind = DebtEnums.Parse<DebtKind>(Read<string>(v, "kind"), "kind") },
                    "quadrant" => edit with { Quadrant = DebtEnums.Parse<DebtQuadrant>(Read<string>(v, "quadrant"), "quadrant") },
                    "likelihood" => edit with { Likelihood = Read<int>(v, "likelihood") },
                    "impact" => edit with { Impact = Read<int>(v, "impact") },
                    "effortdays" => edit with { EffortDays = Read<double>(v, "effortDays") },
                    "interestoverride" => edit with { InterestOverride = Read<double?>(v, "interestOverride") },
                    "paybackby" => edit with { PayBackBy = Read<DateOnly?>(v, "payBackBy") },
                    "status" => edit with { Status = DebtEnums.Parse<DebtStatus>(Read<string>(v, "status"), "status") },
                    "targetquarter" => edit with { TargetQuarter = Read<string?>(v, "targetQuarter") },
                    "wontfixreason" => edit with { WontFixReason = Read<string?>(v, "wontFixReason") },
                    "revisiton" => edit with { RevisitOn = Read<DateOnly?>(v, "revisitOn") },
                    "businessoutcome" => edit with { BusinessOutcome = Read<string?>(v, "businessOutcome") },
                    "links" => edit with { Links = [.. (Read<List<DebtLinkRequest>>(v, "links") ?? []).Select(l => l.ToLink())] },
                    _ => throw new DomainValidationException(p.Name, "is not a field of a debt item that can be changed"),
                };
            }
            catch (DomainValidationException ex)
            {
                problems.Add(new DebtFieldProblem(ex.Field, ex.Reason));
            }
        }

        if (version is null && problems.All(p => p.Field != "version"))
        {
            problems.Add(new DebtFieldProblem("version", "is required: send the version you read, so a change saved meanwhile is not overwritten"));
        }

        return (edit, version, problems);
    }

    private static DebtItemEdit SetVersion(DebtItemEdit edit, ref int? version, int value)
    {
        version = value;
        return edit;
    }

    private static ScalingSignal Signal(string? text) =>
        ScalingSignals.TryParse(text, out var s) ? s : throw new DomainValidationException("signal", SignalError(text));

    private static string SignalError(string? text) =>
        $"'{text}' is not one of {string.Join(", ", ScalingSignals.All.Select(x => DebtEnums.Kebab(x.ToString())))}";

    private static T Read<T>(JsonElement value, string field)
    {
        try
        {
            return value.Deserialize<T>(Json)!;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new DomainValidationException(field, $"has the wrong type ({value.ValueKind.ToString().ToLowerInvariant()})");
        }
    }

    private static DomainValidationException Missing(string field) => new(field, "is required");
}
