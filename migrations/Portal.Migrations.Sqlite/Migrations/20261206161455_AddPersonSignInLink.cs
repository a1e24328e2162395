using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddPersonSignInLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sign_in_issuer",
                table: "people",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sign_in_subject",
                table: "people",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_people_sign_in_issuer_sign_in_subject",
                table: "people",
                columns: new[] { "sign_in_issuer", "sign_in_subject" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_people_sign_in_issuer_sign_in_subject",
                table: "people");

            migrationBuilder.DropColumn(
                name: "sign_in_issuer",
                table: "people");

            migrationBuilder.DropColumn(
                name: "sign_in_subject",
                table: "people");
        }
    }
}
