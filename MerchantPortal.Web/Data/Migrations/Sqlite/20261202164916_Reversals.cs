using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantPortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reversals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InitiatorCredentialProtected",
                table: "PaymentAccounts",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InitiatorName",
                table: "PaymentAccounts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReversalApprovalAbove",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "Reversals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MerchantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TransactionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApprovedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CallbackToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ResultCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ResultDesc = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reversals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reversals_Transactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "Transactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reversals_CallbackToken",
                table: "Reversals",
                column: "CallbackToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reversals_MerchantId_Status",
                table: "Reversals",
                columns: new[] { "MerchantId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Reversals_PublicId",
                table: "Reversals",
                column: "PublicId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Reversals_TransactionId",
                table: "Reversals",
                column: "TransactionId",
                unique: true,
                filter: "\"Status\" <> 'failed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Reversals");

            migrationBuilder.DropColumn(
                name: "InitiatorCredentialProtected",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "InitiatorName",
                table: "PaymentAccounts");

            migrationBuilder.DropColumn(
                name: "ReversalApprovalAbove",
                table: "AspNetUsers");
        }
    }
}
