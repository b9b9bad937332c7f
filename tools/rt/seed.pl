#!/usr/bin/perl
# Seeds the test team's custom-field values and tickets into a fresh RT database, and prints an auth token for the
# API user. Run by rt-sandbox with RT_SITE_CONFIG pointing at the sandbox's configuration.
use strict;
use warnings;
use lib '/usr/share/request-tracker5/lib';
use RT -init;

my $system = RT->SystemUser;
my %cf = (
    ada   => { Skills => [qw(billing refunds)], Languages => [qw(en de)], Manager => 'eve', Capacity => 10 },
    jonas => { Skills => [qw(technical)],       Languages => [qw(de en)], Manager => 'eve', Capacity => 10 },
    chen  => { Skills => [qw(billing technical)], Languages => [qw(en zh)], Manager => 'eve', Capacity => 2 },
    eve   => { Skills => [qw(billing technical)], Languages => [qw(en)],  Capacity => 20 },
);
for my $name (sort keys %cf) {
    my $u = RT::User->new($system);
    $u->Load($name) or die "no user $name";
    for my $field (sort keys %{ $cf{$name} }) {
        my $v = $cf{$name}{$field};
        for my $value (ref $v ? @$v : ($v)) {
            my ($ok, $msg) = $u->AddCustomFieldValue(Field => $field, Value => $value);
            die "$name $field: $msg" unless $ok;
        }
    }
}

# a queue's team is its AdminCc watchers: the group working the queue
for my $pair (['Billing', 'Billing team'], ['Technical', 'Technical team']) {
    my $q = RT::Queue->new($system);
    $q->Load($pair->[0]) or die "no queue $pair->[0]";
    my $g = RT::Group->new($system);
    $g->LoadUserDefinedGroup($pair->[1]) or die "no group $pair->[1]";
    my ($ok, $msg) = $q->AddRoleMember(Type => 'AdminCc', PrincipalId => $g->PrincipalId);
    die "AdminCc of $pair->[0]: $msg" unless $ok;
}

# tickets: subject, queue, owner, requestor, body, priority
my @tickets = (
    ['Refund still missing after three weeks', 'Billing',   'ada',   'mia@customer.test',  'Where is my refund? I was promised it two weeks ago. This is unacceptable.', 50],
    ['Invoice shows the wrong VAT number',    'Billing',   'ada',   'olu@customer.test',  'Our VAT number on invoice 2024-118 is wrong.', 20],
    ['Cannot log in since the update',        'Technical', 'jonas', 'kai@customer.test',  'Since yesterday the log-in page loops.', 40],
    ['Double charge on my card',              'Billing',   'chen',  'ana@customer.test',  'I was charged twice for the same order.', 60],
    ['Export nach CSV bricht ab',             'Technical', 'chen',  'lee@customer.test',  'Der Export von 10.000 Zeilen bricht nach 30 s ab.', 30],
    ['Thank you for the quick help',          'Billing',   'ada',   'sam@customer.test',  'Just wanted to say thanks.', 0],
);
# a German-speaking customer: RT keeps the language on the requestor's user record
my $lee = RT::User->new($system);
$lee->Create(Name => 'lee@customer.test', EmailAddress => 'lee@customer.test', RealName => 'Lee Becker', Lang => 'de');
for my $t (@tickets) {
    my ($subject, $queue, $owner, $requestor, $body, $priority) = @$t;
    my $ticket = RT::Ticket->new($system);
    my $mime = MIME::Entity->build(Type => 'text/plain', Charset => 'UTF-8', Data => [$body]);
    my ($id, undef, $msg) = $ticket->Create(
        Queue => $queue, Subject => $subject, Owner => $owner, Requestor => [$requestor],
        Priority => $priority, Status => 'open', MIMEObj => $mime);
    die "ticket '$subject': $msg" unless $id;
}

my $api = RT::User->new($system);
$api->Load('handover') or die 'no API user';
my $token = RT::AuthToken->new($system);
my ($ok, $msg, $secret) = $token->Create(Owner => $api->Id, Description => 'handover rt-sandbox');
die "auth token: $msg" unless $ok;
print "$secret\n";
