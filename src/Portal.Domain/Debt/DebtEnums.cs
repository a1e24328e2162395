namespace Portal.Domain.Debt;

/// <summary>Reads the register's enums from URLs, CSV and the API: names in any case, with or without dashes and spaces.</summary>
public static class DebtEnums
{
    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = text.Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return !int.TryParse(compact, out _) && Enum.TryParse(compact, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>Parses or throws a <see cref="Common.DomainValidationException"/> naming <paramref name="field"/> and the allowed values.</summary>
    public static T Parse<T>(string? text, string field)
        where T : struct, Enum =>
        TryParse<T>(text, out var value)
            ? value
            : throw new Common.DomainValidationException(field, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(Kebab))}");

    /// <summary>How the API writes an enum value: <c>InProgress</c> → <c>in-progress</c>.</summary>
    public static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>Words for people: <c>WontFix</c> → "Won't fix", <c>InProgress</c> → "In progress".</summary>
    public static string Title(DebtStatus status) => status switch
    {
        DebtStatus.InProgress => "In progress",
        DebtStatus.WontFix => "Won't fix",
        _ => status.ToString(),
    };

    public static string Title(DebtQuadrant quadrant) => quadrant switch
    {
        DebtQuadrant.DeliberatePrudent => "Deliberate, prudent",
        DebtQuadrant.DeliberateReckless => "Deliberate, reckless",
        DebtQuadrant.InadvertentPrudent => "Inadvertent, prudent",
        _ => "Inadvertent, reckless",
    };
}
