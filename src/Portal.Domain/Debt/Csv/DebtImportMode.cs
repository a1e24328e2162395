namespace Portal.Domain.Debt.Csv;

/// <summary>What an import does with the file once it is checked.</summary>
public enum DebtImportMode
{
    /// <summary>Check only: report the items and every problem, write nothing.</summary>
    Preview,

    /// <summary>Write every item, or nothing when any line has a problem (the default).</summary>
    AllOrNothing,

    /// <summary>
    /// Write the lines without a problem and skip (and report) the others — the person chose "import the valid rows".
    /// A problem with the file itself (its header, its CSV quoting, too many rows) still stops everything.
    /// </summary>
    ValidRows,
}
