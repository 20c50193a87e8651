using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountDarajaCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConsumerKey",
                table: "PaymentAccounts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsumerSecretProtected",
                table: "PaymentAccounts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CredentialsUpdatedAt",
                table: "PaymentAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PasskeyProtected",
                table: "PaymentAccounts",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StoreNumber",
                table: "PaymentAccounts",
                type: "character varying(7)",
                maxLength: 7,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConsumerKey",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "ConsumerSecretProtected",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "CredentialsUpdatedAt",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PasskeyProtected",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "StoreNumber",
                table: "PaymentAccounts");
        }
    }
}
