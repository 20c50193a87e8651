using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Postgres
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

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletedAt",
                table: "PaymentLinks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletedAt",
                table: "PaymentAccounts",
                type: "timestamp with time zone",
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
