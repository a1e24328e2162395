using System.Globalization;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt;

/// <summary>
/// The small label convention that seeds a new item's assessment from its GitHub issue:
/// <c>debt:signal/cascading-failures</c>, <c>debt:kind/architecture</c>, <c>debt:quadrant/deliberate-prudent</c>,
/// <c>debt:likelihood/4</c>, <c>debt:impact/5</c>, <c>debt:effort/3</c> (engineer-days, decimals allowed). Anything
/// missing takes the defaults below; a label whose value cannot be read is reported and takes the default too.
/// Labels are read only when the item is created: afterwards these fields are people's, set in Portal.
/// </summary>
public static class DebtLabels
{
    public const string Prefix = "debt:";

    public const ScalingSignal DefaultSignal = ScalingSignal.CompoundingShortcuts;
    public const DebtKind DefaultKind = DebtKind.Code;
    public const DebtQuadrant DefaultQuadrant = DebtQuadrant.InadvertentPrudent;
    public const int DefaultLikelihood = 3;
    public const int DefaultImpact = 3;
    public const double DefaultEffortDays = 3;

    /// <summary>
    /// The least effort a label may give (a quarter of a day): priority is cost of delay per day of effort, so a label
    /// saying "0.0001 days" would put the item above everything in the register.
    /// </summary>
    public const double MinLabelEffortDays = 0.25;

    /// <summary>True for a label of the convention (<c>debt:…</c>).</summary>
    public static bool IsConvention(string label) => label.Trim().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The assessment <paramref name="labels"/> ask for, and a sentence for each label that could not be read.</summary>
    public static (DebtLabelSeed Seed, IReadOnlyList<string> Problems) Read(IEnumerable<string> labels)
    {
        var seed = new DebtLabelSeed(DefaultSignal, DefaultKind, DefaultQuadrant, DefaultLikelihood, DefaultImpact, DefaultEffortDays);
        var problems = new List<string>();
        foreach (var label in labels.Select(l => l.Trim()).Where(l => l.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)))
        {
            var slash = label.IndexOf('/', StringComparison.Ordinal);
            var name = (slash < 0 ? label[Prefix.Length..] : label[Prefix.Length..slash]).Trim().ToLowerInvariant();
            var value = slash < 0 ? "" : label[(slash + 1)..].Trim();
            var read = name switch
            {
                "signal" => DebtEnums.TryParse<ScalingSignal>(value, out var signal) ? seed with { Signal = signal } : null,
                "kind" => DebtEnums.TryParse<DebtKind>(value, out var kind) ? seed with { Kind = kind } : null,
                "quadrant" => DebtEnums.TryParse<DebtQuadrant>(value, out var quadrant) ? seed with { Quadrant = quadrant } : null,
                "likelihood" => Scale(value) is { } likelihood ? seed with { Likelihood = likelihood } : null,
                "impact" => Scale(value) is { } impact ? seed with { Impact = impact } : null,
                "effort" => Days(value) is { } days ? seed with { EffortDays = days } : null,
                _ => null,
            };
            if (read is null)
            {
                problems.Add($"label '{label}' was not used: {Expected(name)}; the default was kept");
            }

            seed = read ?? seed;
        }

        return (seed, problems);
    }

    private static int? Scale(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5 ? n : null;

    private static double? Days(string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d >= MinLabelEffortDays && d <= DebtItem.MaxEffortDays ? d : null;

    private static string Expected(string name) => name switch
    {
        "signal" => $"expected one of {string.Join(", ", Enum.GetNames<ScalingSignal>().Select(DebtEnums.Kebab))}",
        "kind" => $"expected one of {string.Join(", ", Enum.GetNames<DebtKind>().Select(DebtEnums.Kebab))}",
        "quadrant" => $"expected one of {string.Join(", ", Enum.GetNames<DebtQuadrant>().Select(DebtEnums.Kebab))}",
        "effort" => $"expected engineer-days, a number from {MinLabelEffortDays.ToString(CultureInfo.InvariantCulture)} to {DebtItem.MaxEffortDays:N0}",
        "likelihood" or "impact" => "expected a whole number from 1 to 5",
        _ => "Portal reads debt:signal/…, debt:kind/…, debt:quadrant/…, debt:likelihood/…, debt:impact/… and debt:effort/…",
    };
}
