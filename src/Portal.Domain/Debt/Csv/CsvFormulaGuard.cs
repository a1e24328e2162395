namespace Portal.Domain.Debt.Csv;

/// <summary>
/// Keeps spreadsheets from running a cell as a formula (CSV injection): a text cell that starts with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return is written with a leading apostrophe, which Excel, LibreOffice and
/// Google Sheets read as "this is text". A cell made of apostrophes followed by one of those gets one more apostrophe
/// too, so that <see cref="Unprotect"/> gives back exactly what was written.
/// </summary>
public static class CsvFormulaGuard
{
    /// <summary>The characters a spreadsheet may read as the start of a formula.</summary>
    public static readonly IReadOnlyList<char> Triggers = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>The cell as it is written to the file.</summary>
    public static string Protect(string? text)
    {
        var value = text ?? "";
        return ApostrophesThenTrigger(value) ? "'" + value : value;
    }

    /// <summary>The cell's value as it was before <see cref="Protect"/>: one leading apostrophe in front of a trigger is dropped.</summary>
    public static string Unprotect(string? cell)
    {
        var value = cell ?? "";
        return value.StartsWith('\'') && ApostrophesThenTrigger(value) ? value[1..] : value;
    }

    /// <summary>True when <paramref name="value"/> is zero or more apostrophes and then a trigger character.</summary>
    private static bool ApostrophesThenTrigger(string value)
    {
        var i = 0;
        while (i < value.Length && value[i] == '\'')
        {
            i++;
        }

        return i < value.Length && Triggers.Contains(value[i]);
    }
}
