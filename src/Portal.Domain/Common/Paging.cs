namespace Portal.Domain.Common;

/// <summary>Turns a 1-based page number into the rows to skip, the same way for every list.</summary>
public static class Paging
{
    /// <summary>
    /// Rows before <paramref name="page"/>. Computed in 64 bits: a page so far out that the product leaves
    /// <see cref="int"/> skips <see cref="int.MaxValue"/> rows (no table holds that many), so it is an empty page past
    /// the end. Multiplying in 32 bits wrapped to a negative offset: SQLite read it as 0 (the first page) and
    /// PostgreSQL refused it.
    /// </summary>
    public static int Offset(int page, int pageSize) =>
        (int)Math.Clamp((Math.Max(1L, page) - 1) * Math.Max(0L, pageSize), 0L, int.MaxValue);
}
