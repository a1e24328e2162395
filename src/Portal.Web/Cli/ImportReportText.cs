using Portal.Ingest.Backstage;

namespace Portal.Web.Cli;

/// <summary>An import report as plain text: a line per kind, then every problem with file, document and reason.</summary>
public static class ImportReportText
{
    public static async Task WriteAsync(ImportReport report, TextWriter writer)
    {
        await writer.WriteLineAsync($"{"Kind",-12} {"imported",9} {"updated",8} {"unchanged",10} {"rejected",9}");
        foreach (var (kind, counts) in report.Kinds.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            await writer.WriteLineAsync($"{kind,-12} {counts.Created,9} {counts.Updated,8} {counts.Unchanged,10} {counts.Rejected,9}");
        }

        foreach (var problem in report.Problems)
        {
            await writer.WriteLineAsync(problem.ToString());
        }
    }
}
