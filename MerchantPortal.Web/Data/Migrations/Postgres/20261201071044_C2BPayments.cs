using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class C2BPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Transactions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(12)",
                oldMaxLength: 12);

            migrationBuilder.AddColumn<string>(
                name: "BillRef",
                table: "Transactions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "Transactions",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "stk");

            migrationBuilder.AddColumn<string>(
                name: "PayerName",
                table: "Transactions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Transactions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccountCode",
                table: "PaymentLinks",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "CollectTotal",
                table: "PaymentLinks",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PaidAt",
                table: "PaymentLinks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "C2BRegisteredAt",
                table: "PaymentAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "C2BRegistrationAnswer",
                table: "PaymentAccounts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "C2BRegistrationOk",
                table: "PaymentAccounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "C2BResponseType",
                table: "PaymentAccounts",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Completed");

            migrationBuilder.AddColumn<string>(
                name: "C2BToken",
                table: "PaymentAccounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "C2BValidation",
                table: "PaymentAccounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PullCheckedUntil",
                table: "PaymentAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PullEnabled",
                table: "PaymentAccounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PullNominatedNumber",
                table: "PaymentAccounts",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PullRegisteredAt",
                table: "PaymentAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PullRegistrationAnswer",
                table: "PaymentAccounts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PullRegistrationOk",
                table: "PaymentAccounts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "MenuPaymentIntents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MerchantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PaymentAccountId = table.Column<long>(type: "bigint", nullable: false),
                    PaymentLinkId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Phone = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    TransactionId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MenuPaymentIntents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MenuPaymentIntents_AspNetUsers_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MenuPaymentIntents_PaymentAccounts_PaymentAccountId",
                        column: x => x.PaymentAccountId,
                        principalTable: "PaymentAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MenuPaymentIntents_PaymentLinks_PaymentLinkId",
                        column: x => x.PaymentLinkId,
                        principalTable: "PaymentLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MenuPaymentIntents_Transactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "Transactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "StatementImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PublicId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MerchantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PaymentAccountId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PeriodStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PeriodEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Lines = table.Column<int>(type: "integer", nullable: false),
                    PaymentsIn = table.Column<int>(type: "integer", nullable: false),
                    Matched = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementImports_AspNetUsers_MerchantId",
                        column: x => x.MerchantId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatementImports_PaymentAccounts_PaymentAccountId",
                        column: x => x.PaymentAccountId,
                        principalTable: "PaymentAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StatementExceptions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<long>(type: "bigint", nullable: false),
                    MerchantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Receipt = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StatementAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    PortalAmount = table.Column<long>(type: "bigint", nullable: true),
                    OtherParty = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AccountNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TransactionId = table.Column<long>(type: "bigint", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementExceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementExceptions_StatementImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "StatementImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatementExceptions_Transactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "Transactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            // Links made before account codes existed get one each; unique per merchant because the id is.
            migrationBuilder.Sql("UPDATE \"PaymentLinks\" SET \"AccountCode\" = 'L' || \"Id\";");

            migrationBuilder.CreateIndex(
                name: "IX_Transactions_MerchantId_Channel_Id",
                table: "Transactions",
                columns: new[] { "MerchantId", "Channel", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLinks_MerchantId_AccountCode",
                table: "PaymentLinks",
                columns: new[] { "MerchantId", "AccountCode" },
                unique: true,
                filter: "\"DeletedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAccounts_C2BToken",
                table: "PaymentAccounts",
                column: "C2BToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MenuPaymentIntents_MerchantId",
                table: "MenuPaymentIntents",
                column: "MerchantId");

            migrationBuilder.CreateIndex(
                name: "IX_MenuPaymentIntents_PaymentAccountId_Amount_CreatedAt",
                table: "MenuPaymentIntents",
                columns: new[] { "PaymentAccountId", "Amount", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MenuPaymentIntents_PaymentLinkId",
                table: "MenuPaymentIntents",
                column: "PaymentLinkId");

            migrationBuilder.CreateIndex(
                name: "IX_MenuPaymentIntents_TransactionId",
                table: "MenuPaymentIntents",
                column: "TransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementExceptions_ImportId_Kind_Id",
                table: "StatementExceptions",
                columns: new[] { "ImportId", "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementExceptions_TransactionId",
                table: "StatementExceptions",
                column: "TransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_MerchantId_Id",
                table: "StatementImports",
                columns: new[] { "MerchantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_PaymentAccountId",
                table: "StatementImports",
                column: "PaymentAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_PublicId",
                table: "StatementImports",
                column: "PublicId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MenuPaymentIntents");

            migrationBuilder.DropTable(
                name: "StatementExceptions");

            migrationBuilder.DropTable(
                name: "StatementImports");

            migrationBuilder.DropIndex(
                name: "IX_Transactions_MerchantId_Channel_Id",
                table: "Transactions");

            migrationBuilder.DropIndex(
                name: "IX_PaymentLinks_MerchantId_AccountCode",
                table: "PaymentLinks");

            migrationBuilder.DropIndex(
                name: "IX_PaymentAccounts_C2BToken",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "BillRef",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "PayerName",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "AccountCode",
                table: "PaymentLinks");

            migrationBuilder.DropColumn(
                name: "CollectTotal",
                table: "PaymentLinks");

            migrationBuilder.DropColumn(
                name: "PaidAt",
                table: "PaymentLinks");

            migrationBuilder.DropColumn(
                name: "C2BRegisteredAt",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BRegistrationAnswer",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BRegistrationOk",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BResponseType",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BToken",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "C2BValidation",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullCheckedUntil",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullEnabled",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullNominatedNumber",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullRegisteredAt",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullRegistrationAnswer",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "PullRegistrationOk",
                table: "PaymentAccounts");

            migrationBuilder.AlterColumn<string>(
                name: "Phone",
                table: "Transactions",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);
        }
    }
}
