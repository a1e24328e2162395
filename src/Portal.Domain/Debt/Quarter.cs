using System.Globalization;
using Portal.Domain.Common;

namespace Portal.Domain.Debt;

/// <summary>A calendar quarter such as <c>2026-Q4</c>; its text form sorts in time order.</summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    /// <summary>The first day of the quarter.</summary>
    public DateOnly Start => new(Year, ((Number - 1) * 3) + 1, 1);

    /// <summary>The last day of the quarter.</summary>
    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    /// <summary>Calendar days in the quarter (90 to 92).</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    /// <summary>Monday-to-Friday days in the quarter: the default working days before holidays.</summary>
    public int Weekdays
    {
        get
        {
            var start = Start;
            return Enumerable.Range(0, Days).Count(d => start.AddDays(d).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        }
    }

    /// <summary>The quarter <paramref name="date"/> falls in.</summary>
    public static Quarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    public Quarter Next => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    public Quarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    /// <summary>Parses <c>2026-Q4</c> (case-insensitive; <c>2026Q4</c> and <c>Q4 2026</c> too).</summary>
    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var t = text.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        string year, q;
        if (t.Length == 6 && t[4] == 'Q')
        {
            (year, q) = (t[..4], t[5..]);
        }
        else if (t.Length == 6 && t[0] == 'Q')
        {
            (year, q) = (t[2..], t[1..2]);
        }
        else
        {
            return false;
        }

        if (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
            && int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 4)
        {
            quarter = new Quarter(y, n);
            return true;
        }

        return false;
    }

    /// <summary>Parses or throws a <see cref="DomainValidationException"/> naming <paramref name="field"/>.</summary>
    public static Quarter Parse(string text, string field = "quarter") =>
        TryParse(text, out var q) ? q : throw new DomainValidationException(field, $"'{text}' is not a quarter like 2026-Q4");

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-Q{Number}");
}
