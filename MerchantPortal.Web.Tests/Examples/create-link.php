<?php
// Function to create a payment link
function createPaymentLink($title, $amount = null, $min = null, $max = null, $logo = '') {
// First authenticate (if not already done)
$authData = [
'action' => 'login',
'user' => 'your_username',
'password' => 'your_password'
];
// Login to get session cookie
$ch = curl_init();
curl_setopt($ch, CURLOPT_URL, "https://yourdomain.com/index.php");
curl_setopt($ch, CURLOPT_POST, 1);
curl_setopt($ch, CURLOPT_POSTFIELDS, $authData);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_COOKIEJAR, '/tmp/cookies.txt'); // Save cookies
$response = curl_exec($ch);
// Now create the payment link
$linkData = [
'action' => 'create_link',
'title' => $title,
'amount' => $amount,
'min' => $min,
'max' => $max,
'logo' => $logo
];
curl_setopt($ch, CURLOPT_URL, "https://yourdomain.com/index.php");
curl_setopt($ch, CURLOPT_POSTFIELDS, $linkData);
curl_setopt($ch, CURLOPT_COOKIEFILE, '/tmp/cookies.txt'); // Use saved cookies
$response = curl_exec($ch);
curl_close($ch);
return json_decode($response, true);
}
// Usage
$result = createPaymentLink('Product Payment', 1000, 100, 5000, 'https://example.com/logo.png');
if ($result['status'] === 'ok') {
echo "Payment link created: " . $result['public_url'];
} else {
echo "Error: " . $result['message'];
}
?>
