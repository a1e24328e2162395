using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DebtReportRemoval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "removal_reason",
                table: "debt_reports",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "removed_at",
                table: "debt_reports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "removed_by",
                table: "debt_reports",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_debt_reports_author_created_at",
                table: "debt_reports",
                columns: new[] { "author", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_debt_reports_author_created_at",
                table: "debt_reports");

            migrationBuilder.DropColumn(
                name: "removal_reason",
                table: "debt_reports");

            migrationBuilder.DropColumn(
                name: "removed_at",
                table: "debt_reports");

            migrationBuilder.DropColumn(
                name: "removed_by",
                table: "debt_reports");
        }
    }
}
