using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SoftDeleteAccountsAndLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentAccounts_MerchantId_Type_Number",
                table: "PaymentAccounts");

            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "PaymentLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "PaymentAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAccounts_MerchantId_Type_Number",
                table: "PaymentAccounts",
                columns: new[] { "MerchantId", "Type", "Number" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentAccounts_MerchantId_Type_Number",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "PaymentLinks");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "PaymentAccounts");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAccounts_MerchantId_Type_Number",
                table: "PaymentAccounts",
                columns: new[] { "MerchantId", "Type", "Number" },
                unique: true);
        }
    }
}
