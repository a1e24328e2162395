using System.Globalization;
using CsvHelper;

namespace Portal.Domain.Debt.Csv;

/// <summary>
/// Writes register rows as RFC 4180 CSV (CsvHelper: comma separated, CRLF, quoted where needed) into a buffer the caller
/// drains with <see cref="TakeText"/>, so that a web response is written asynchronously. Every text cell goes through
/// <see cref="CsvFormulaGuard"/>; numbers use the invariant culture; times are UTC in ISO 8601 (<c>2026-12-07T09:30:00Z</c>);
/// dates are <c>yyyy-MM-dd</c>. Several services are separated by <c>"; "</c>; several links are one per line, each
/// <c>kind url title</c>.
/// </summary>
internal sealed class DebtCsvWriter : IDisposable
{
    private readonly StringWriter _buffer = new(CultureInfo.InvariantCulture);
    private readonly CsvWriter _csv;

    public DebtCsvWriter()
    {
        _csv = CsvWriter.Create(_buffer, CsvWriterOptions.Default, leaveOpen: true);
    }

    public void WriteHeader()
    {
        foreach (var column in DebtCsvColumns.All)
        {
            _csv.WriteField(column);
        }

        _csv.EndRecord();
    }

    /// <summary>One item; its services (with their owner teams) and owner team must be loaded.</summary>
    public void Write(DebtItem i)
    {
        var services = i.Services.Select(s => s.Service).OrderBy(s => s.Tier).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        Text(i.Id.ToString());
        Text(i.Title);
        Text(DebtEnums.Kebab(i.Status.ToString()));
        Text(DebtEnums.Kebab(i.Signal.ToString()));
        Text(DebtEnums.Kebab(i.Kind.ToString()));
        Text(DebtEnums.Kebab(i.Quadrant.ToString()));
        Text(string.Join("; ", services.Select(s => s.Ref)));
        Text(string.Join("; ", services.Select(s => s.DisplayName)));
        Text(i.OwnerTeam?.Ref);
        Text(i.OwnerTeam?.DisplayName);
        Text(i.OwnerOverridden ? "yes" : "no");
        Text(Number(i.Likelihood));
        Text(Number(i.Impact));
        Text(Number(i.EffortDays));
        Text(Number(i.InterestHoursPerMonth));
        Text(i.InterestOverride is { } o ? Number(o) : null);
        Text(Number(i.CostOfDelay));
        Text(Number(i.Priority));
        Text(Date(i.PayBackBy));
        Text(i.TargetQuarter);
        Text(i.WontFixReason);
        Text(Date(i.RevisitOn));
        Text(i.BusinessOutcome);
        Text(i.Description);
        Text(string.Join("\n", i.Links.Select(DebtCsvLinks.Format)));
        Text(DebtEnums.Kebab(i.Source.ToString()));
        Text(i.ExternalUrl);
        Text(Time(i.CreatedAt));
        Text(Time(i.UpdatedAt));
        Text(i.ScoredAt is { } s ? Time(s) : null);
        _csv.EndRecord();
    }

    /// <summary>What was written since the last call.</summary>
    public string TakeText()
    {
        _csv.Flush();
        var text = _buffer.ToString();
        _buffer.GetStringBuilder().Clear();
        return text;
    }

    public void Dispose()
    {
        _csv.Dispose();
        _buffer.Dispose();
    }

    /// <summary>A number as the file writes it: invariant culture, at most three decimals, no thousands separator.</summary>
    internal static string Number(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private void Text(string? value) => _csv.WriteField(CsvFormulaGuard.Protect(value));
}
