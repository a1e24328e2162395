using System.Globalization;
using CsvHelper;
using Portal.Domain.Common;
using Portal.Domain.Debt.Commands;
using Portal.Domain.Signals;

namespace Portal.Domain.Debt.Csv;

/// <summary>
/// Reads an import file (RFC 4180, with the header row export writes; see <see cref="DebtCsvColumns"/>) into items to
/// create, checking every field of every line and reporting all problems at once with their line and column. What the
/// database knows (that the services and teams exist, who may log debt on them, duplicates) is checked by
/// <see cref="DebtCsvImporter"/>.
/// </summary>
public static class DebtCsvReader
{
    /// <summary>The most items one file may hold.</summary>
    public const int MaxRows = 1_000;

    private static readonly string[] Yes = ["yes", "true", "1", "y"];
    private static readonly string[] No = ["no", "false", "0", "n", ""];

    public static DebtCsvParse Read(string text, DateOnly today)
    {
        var rows = new List<DebtCsvRow>();
        var problems = new List<DebtImportProblem>();
        var options = CsvReaderOptions.Default with { HasHeader = true, TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Throw };
        using var reader = CsvReader.Create(new StringReader(text), options);
        try
        {
            var columns = Columns([.. reader.Headers], problems);
            if (problems.Count > 0)
            {
                return new DebtCsvParse([], problems);
            }

            var count = 0;
            while (reader.Read())
            {
                var line = (int)reader.LineNumber;
                if (++count > MaxRows)
                {
                    problems.Add(new DebtImportProblem(line, "", $"the file has more than {MaxRows:N0} items; split it into smaller files"));
                    break;
                }

                string Cell(string column) =>
                    columns.TryGetValue(column, out var index) && index < reader.FieldCount ? CsvFormulaGuard.Unprotect(reader.GetString(index)).Trim() : "";

                if (Row(line, Cell, columns.ContainsKey(DebtCsvColumns.OwnerSetByHand), today, problems) is { } row)
                {
                    rows.Add(row);
                }
            }
        }
        catch (CsvFormatException ex)
        {
            problems.Add(new DebtImportProblem((int)Math.Max(1, ex.LineNumber), "", $"the file is not valid CSV there ({ex.Message}); check the quotes"));
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(new DebtImportProblem(2, "", "the file has a header but no items"));
        }

        return new DebtCsvParse(rows, problems);
    }

    /// <summary>Where each known column is; problems for unknown, repeated and missing required columns.</summary>
    private static Dictionary<string, int> Columns(IReadOnlyList<string> headers, List<DebtImportProblem> problems)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (headers.Count == 0)
        {
            problems.Add(new DebtImportProblem(1, "", "the file is empty; the first line must name the columns (download a CSV from the register to see them)"));
            return columns;
        }

        for (var i = 0; i < headers.Count; i++)
        {
            var name = (headers[i] ?? "").Trim().TrimStart('\uFEFF');
            var known = DebtCsvColumns.All.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problems.Add(new DebtImportProblem(1, name, $"'{name}' is not a column of the register; the columns are {string.Join(", ", DebtCsvColumns.All)}"));
            }
            else if (!columns.TryAdd(known, i))
            {
                problems.Add(new DebtImportProblem(1, known, "the column appears twice"));
            }
        }

        foreach (var missing in DebtCsvColumns.Required.Where(c => !columns.ContainsKey(c)))
        {
            problems.Add(new DebtImportProblem(1, missing, "this column is required"));
        }

        return columns;
    }

    private static DebtCsvRow? Row(int line, Func<string, string> cell, bool hasOwnerFlag, DateOnly today, List<DebtImportProblem> problems)
    {
        var before = problems.Count;

        // Columns that could not be read: the row is still checked as a whole (with a placeholder for each), so every
        // problem of the row is reported at once, and only the placeholders' own complaints are left out.
        var unreadable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Problem(string column, string reason)
        {
            unreadable.Add(column);
            problems.Add(new DebtImportProblem(line, column, reason));
        }

        var status = DebtStatus.Proposed;
        if (cell(DebtCsvColumns.Status) is { Length: > 0 } s && !DebtEnums.TryParse(s, out status))
        {
            Problem(DebtCsvColumns.Status, $"'{s}' is not one of {Names<DebtStatus>()}");
        }

        var signalText = cell(DebtCsvColumns.Signal);
        if (!ScalingSignals.TryParse(signalText, out var signal))
        {
            Problem(DebtCsvColumns.Signal, signalText.Length == 0 ? "is required" : $"'{signalText}' is not one of {string.Join(", ", ScalingSignals.All.Select(x => DebtEnums.Kebab(x.ToString())))}");
        }

        var kind = Choice<DebtKind>(DebtCsvColumns.Kind, cell, Problem);
        var quadrant = Choice<DebtQuadrant>(DebtCsvColumns.Quadrant, cell, Problem);
        var likelihood = Whole(DebtCsvColumns.Likelihood, cell, Problem);
        var impact = Whole(DebtCsvColumns.Impact, cell, Problem);
        var effort = Decimal(DebtCsvColumns.Effort, cell, Problem, required: true) ?? 0;
        var interest = Decimal(DebtCsvColumns.InterestOverride, cell, Problem, required: false);
        var payBackBy = Day(DebtCsvColumns.PayBackBy, cell, Problem);
        var revisitOn = Day(DebtCsvColumns.RevisitOn, cell, Problem);

        var owner = cell(DebtCsvColumns.OwnerTeam);
        var flag = cell(DebtCsvColumns.OwnerSetByHand).ToLowerInvariant();
        if (hasOwnerFlag && !Yes.Contains(flag) && !No.Contains(flag))
        {
            Problem(DebtCsvColumns.OwnerSetByHand, $"'{flag}' is not yes or no");
        }

        var overridden = !hasOwnerFlag || Yes.Contains(flag);
        IReadOnlyList<DebtLink> links = [];
        try
        {
            links = DebtCsvLinks.Parse(cell(DebtCsvColumns.Links));
        }
        catch (DomainValidationException ex)
        {
            Problem(DebtCsvColumns.Links, ex.Reason);
        }

        var edit = new DebtItemEdit(
            cell(DebtCsvColumns.Title),
            NullIfEmpty(cell(DebtCsvColumns.Description)),
            [.. cell(DebtCsvColumns.Services).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            overridden && owner.Length > 0 ? owner : null,
            signal,
            kind,
            quadrant,
            likelihood,
            impact,
            effort,
            interest,
            payBackBy,
            status,
            NullIfEmpty(cell(DebtCsvColumns.TargetQuarter)),
            NullIfEmpty(cell(DebtCsvColumns.WontFixReason)),
            revisitOn,
            NullIfEmpty(cell(DebtCsvColumns.BusinessOutcome)),
            links);
        foreach (var p in edit.Problems(today).Where(p => !unreadable.Contains(DebtCsvColumns.ForField(p.Field))))
        {
            problems.Add(new DebtImportProblem(line, DebtCsvColumns.ForField(p.Field), p.Reason));
        }

        return problems.Count > before ? null : new DebtCsvRow(line, edit);
    }

    private static T Choice<T>(string column, Func<string, string> cell, Action<string, string> problem)
        where T : struct, System.Enum
    {
        var text = cell(column);
        if (DebtEnums.TryParse<T>(text, out var value))
        {
            return value;
        }

        problem(column, text.Length == 0 ? $"is required: one of {Names<T>()}" : $"'{text}' is not one of {Names<T>()}");
        return default;
    }

    private static int Whole(string column, Func<string, string> cell, Action<string, string> problem)
    {
        var text = cell(column);
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problem(column, text.Length == 0 ? "is required: a whole number from 1 to 5" : $"'{text}' is not a whole number from 1 to 5");
        return 0;
    }

    private static double? Decimal(string column, Func<string, string> cell, Action<string, string> problem, bool required)
    {
        var text = cell(column);
        if (text.Length == 0 && !required)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        problem(column, text.Length == 0 ? "is required: a number like 2.5 (a dot for decimals)" : $"'{text}' is not a number like 2.5 (a dot for decimals)");
        return null;
    }

    private static DateOnly? Day(string column, Func<string, string> cell, Action<string, string> problem)
    {
        var text = cell(column);
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        problem(column, $"'{text}' is not a date like 2027-03-31");
        return null;
    }

    private static string Names<T>()
        where T : struct, System.Enum => string.Join(", ", System.Enum.GetNames<T>().Select(DebtEnums.Kebab));

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
