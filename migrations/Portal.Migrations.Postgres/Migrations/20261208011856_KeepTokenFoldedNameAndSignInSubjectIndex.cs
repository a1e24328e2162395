using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class KeepTokenFoldedNameAndSignInSubjectIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name_folded",
                table: "api_tokens",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            // Tokens that still hold their name have it folded already (name_key is the same folding); revoked ones and
            // those made before names were keyed stay null and are compared in code.
            migrationBuilder.Sql("UPDATE api_tokens SET name_folded = name_key WHERE name_key IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_people_sign_in_subject",
                table: "people",
                column: "sign_in_subject");

            migrationBuilder.CreateIndex(
                name: "IX_api_tokens_name_folded",
                table: "api_tokens",
                column: "name_folded");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_people_sign_in_subject",
                table: "people");

            migrationBuilder.DropIndex(
                name: "IX_api_tokens_name_folded",
                table: "api_tokens");

            migrationBuilder.DropColumn(
                name: "name_folded",
                table: "api_tokens");
        }
    }
}
