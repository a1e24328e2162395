using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DebtGitHubAuthorAndStop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_debt_items_external_url",
                table: "debt_items");

            migrationBuilder.AddColumn<string>(
                name: "git_hub_author",
                table: "debt_items",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "git_hub_author_association",
                table: "debt_items",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "mirror_stopped_at",
                table: "debt_items",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_external_url",
                table: "debt_items",
                column: "external_url");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_debt_items_external_url",
                table: "debt_items");

            migrationBuilder.DropColumn(
                name: "git_hub_author",
                table: "debt_items");

            migrationBuilder.DropColumn(
                name: "git_hub_author_association",
                table: "debt_items");

            migrationBuilder.DropColumn(
                name: "mirror_stopped_at",
                table: "debt_items");

            migrationBuilder.CreateIndex(
                name: "IX_debt_items_external_url",
                table: "debt_items",
                column: "external_url",
                unique: true);
        }
    }
}
