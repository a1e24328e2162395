using Portal.Domain.Debt.Csv;

namespace Portal.Domain.Tests.Debt.Csv;

public sealed class CsvFormulaGuardTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("'=already", "''=already")]
    [InlineData("Plain title", "Plain title")]
    [InlineData("it's fine", "it's fine")]
    [InlineData("'quoted'", "'quoted'")]
    [InlineData("", "")]
    public void Protect_CellsAFormulaCouldStartWith_GetALeadingApostrophe(string value, string written) =>
        Assert.Equal(written, CsvFormulaGuard.Protect(value));

    [Theory]
    [InlineData("=1+1")]
    [InlineData("'=1+1")]
    [InlineData("''-x")]
    [InlineData("'plain")]
    [InlineData("- a bullet")]
    [InlineData("nothing special")]
    [InlineData("'")]
    public void Unprotect_WhatProtectWrote_GivesBackTheValue(string value) =>
        Assert.Equal(value, CsvFormulaGuard.Unprotect(CsvFormulaGuard.Protect(value)));
}
