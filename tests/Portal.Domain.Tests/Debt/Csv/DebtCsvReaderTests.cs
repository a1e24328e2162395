using Portal.Domain.Debt;
using Portal.Domain.Debt.Csv;
using Portal.Domain.Signals;

namespace Portal.Domain.Tests.Debt.Csv;

public sealed class DebtCsvReaderTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private const string Header = "Title,Signal,Kind,Quadrant,Services,Likelihood (1-5),Impact (1-5),Effort (engineer-days),Status,Links\r\n";

    [Fact]
    public void Read_GoodLines_GivesEditsWithTheirLines()
    {
        var csv = Header
            + "\"Ledger, writes\",cascading-failures,code,deliberate-prudent,payments; checkout,3,4,2.5,planned-ignored,\r\n"
            + "Cache stampede,cascading-failures,architecture,inadvertent-prudent,payments,2,5,8,in-progress,\"git-hub-issue https://github.com/acme/pay/issues/7 Stampede\nincident https://status.example.com/INC-1\"\r\n";

        var parse = DebtCsvReader.Read(csv.Replace("planned-ignored", "accepted", StringComparison.Ordinal), Today);

        Assert.Empty(parse.Problems);
        Assert.Equal([2, 3], parse.Rows.Select(r => r.Line));
        var first = parse.Rows[0].Edit;
        Assert.Equal(("Ledger, writes", DebtStatus.Accepted, 2.5), (first.Title, first.Status, first.EffortDays));
        Assert.Equal(["payments", "checkout"], first.Services);
        Assert.Equal(ScalingSignal.CascadingFailures, first.Signal);
        var links = parse.Rows[1].Edit.Links;
        Assert.Equal([DebtLinkKind.GitHubIssue, DebtLinkKind.Incident], links.Select(l => l.Kind));
        Assert.Equal("Stampede", links[0].Title);
    }

    [Fact]
    public void Read_BadFields_NamesEveryLineAndColumnAndKeepsNothingFromThoseLines()
    {
        // The description of line 2 spans two lines, so the next record starts on line 4.
        var csv = "Title,Signal,Kind,Quadrant,Services,Likelihood (1-5),Impact (1-5),Effort (engineer-days),Description\r\n"
            + "Fine,cascading-failures,code,deliberate-prudent,payments,3,4,2,\"two\nlines\"\r\n"
            + "Bad numbers,cascading-failures,code,deliberate-prudent,payments,7,x,0,\r\n"
            + ",no-such-signal,code,sideways,payments,3,4,2,\r\n";

        var parse = DebtCsvReader.Read(csv, Today);

        Assert.Equal([2], parse.Rows.Select(r => r.Line));
        Assert.Contains(new DebtImportProblem(4, DebtCsvColumns.Impact, "'x' is not a whole number from 1 to 5"), parse.Problems);
        Assert.Contains(parse.Problems, p => p is { Line: 5, Column: DebtCsvColumns.Signal });
        Assert.Contains(parse.Problems, p => p is { Line: 5, Column: DebtCsvColumns.Quadrant });
        Assert.DoesNotContain(parse.Problems, p => p.Line is 2 or 3);
    }

    [Fact]
    public void Read_UnreadableFieldAndOtherProblemsInOneRow_EveryProblemOfTheRowReported()
    {
        var csv = Header + ",cascading-failures,code,deliberate-prudent,payments,9,4,lots,,\r\n";

        var parse = DebtCsvReader.Read(csv, Today);

        Assert.Empty(parse.Rows);
        var columns = parse.Problems.Where(p => p.Line == 2).Select(p => p.Column).ToList();
        Assert.Equal([DebtCsvColumns.Effort, DebtCsvColumns.Likelihood, DebtCsvColumns.Title], columns.Order(StringComparer.Ordinal));
        Assert.Equal("'lots' is not a number like 2.5 (a dot for decimals)", parse.Problems.Single(p => p.Column == DebtCsvColumns.Effort).Reason);
    }

    [Fact]
    public void Read_FieldRulesOfTheItem_ReportedUnderTheirColumns()
    {
        var csv = Header + "Too likely,cascading-failures,code,deliberate-prudent,payments,9,4,0,,\r\n";

        var parse = DebtCsvReader.Read(csv, Today);

        Assert.Empty(parse.Rows);
        Assert.Contains(parse.Problems, p => p is { Line: 2, Column: DebtCsvColumns.Likelihood });
        Assert.Contains(parse.Problems, p => p is { Line: 2, Column: DebtCsvColumns.Effort });
    }

    [Fact]
    public void Read_UnknownAndMissingColumns_ReportedOnTheHeaderLine()
    {
        var parse = DebtCsvReader.Read("Title,Sigal,Kind\r\nx,y,z\r\n", Today);

        Assert.Empty(parse.Rows);
        Assert.Contains(parse.Problems, p => p is { Line: 1, Column: "Sigal" } && p.Reason.Contains("not a column", StringComparison.Ordinal));
        Assert.Contains(parse.Problems, p => p is { Line: 1, Column: DebtCsvColumns.Effort, Reason: "this column is required" });
    }

    [Fact]
    public void Read_BrokenQuotes_SaysWhereTheFileStopsBeingCsv()
    {
        var csv = Header + "\"Unclosed,cascading-failures,code,deliberate-prudent,payments,3,4,2,,\r\n";

        var parse = DebtCsvReader.Read(csv, Today);

        // However the reader meets the open quote, the line is not imported and a problem says so.
        Assert.Empty(parse.Rows);
        Assert.Contains(parse.Problems, p => p.Line >= 2);
    }

    [Fact]
    public void Read_MoreRowsThanAllowed_StopsWithAProblem()
    {
        var line = "T{0},cascading-failures,code,deliberate-prudent,payments,3,4,2,,\r\n";
        var csv = Header + string.Concat(Enumerable.Range(0, DebtCsvReader.MaxRows + 1).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, line, i)));

        var parse = DebtCsvReader.Read(csv, Today);

        Assert.Contains(parse.Problems, p => p.Line == DebtCsvReader.MaxRows + 2 && p.Reason.Contains("more than", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ProtectedFormulaCells_ReadBackWithoutTheApostrophe()
    {
        var csv = Header + "'=SUM(A1),cascading-failures,code,deliberate-prudent,payments,3,4,2,,\r\n";

        var parse = DebtCsvReader.Read(csv, Today);

        Assert.Equal("=SUM(A1)", Assert.Single(parse.Rows).Edit.Title);
    }
}
