#!/usr/bin/perl
# Seeds the compatibility kit's fixture (handover-testkit's KitFixture: queues, agents, 250 tickets, comments, and
# their times to the second) into the sandbox's RT, after seed.pl. Prints RT_KIT_TICKET_OFFSET and RT_KIT_QUEUE_OFFSET
# (fixture ticket n is RT ticket offset+n, fixture group n queue offset+n) for rt-sandbox to append to rt.env.
use strict;
use warnings;
use lib '/usr/share/request-tracker5/lib';
use RT -init;
use POSIX qw(strftime);
use Time::Local qw(timegm);

my $system = RT->SystemUser;
my $dbh = $RT::Handle->dbh;

# no scrip runs while the fixture is made: no mail, no auto-replies, and much faster
my @scrips = @{ $dbh->selectcol_arrayref('SELECT id FROM Scrips WHERE Disabled = 0') };
$dbh->do('UPDATE Scrips SET Disabled = 1');

my @agent_rights = qw(SeeQueue ShowTicket CreateTicket ReplyToTicket CommentOnTicket OwnTicket ModifyTicket
    ShowTicketComments Watch);

sub load_or_die { my ($obj, $what) = @_; die "no $what" unless $obj->id; $obj }

my @queues;
for my $name ('Kit Billing', 'Kit Technical', 'Kit Queue') {
    my $q = RT::Queue->new($system);
    my ($id, $msg) = $q->Create(Name => $name, CorrespondAddress => '', CommentAddress => '');
    die "queue $name: $msg" unless $id;
    push @queues, $q;
}
die 'kit queue ids are not consecutive'
    unless $queues[1]->id == $queues[0]->id + 1 && $queues[2]->id == $queues[0]->id + 2;

my @agents = (
    [kit1 => 'Ada Lovelace',   'Europe/London',    [qw(billing refunds)], [qw(en de)], 'kit5', 10, 'agent',  0],
    [kit2 => 'Bruno Latour',   'Europe/Paris',     [qw(technical)],       [qw(fr en)], 'kit5', 10, 'agent',  0],
    [kit3 => 'Chen Wei',       'America/New_York', [qw(billing)],         [qw(en)],    'kit5', 12, 'senior', 0],
    [kit4 => 'Dana Scully',    'Europe/London',    [qw(billing)],         [qw(es)],    'kit5', 10, 'agent',  1],
    [kit5 => 'Eve Moneypenny', 'Europe/London',    [qw(escalations)],     [qw(en)],    undef,  20, 'lead',   0],
);
my %user;
for my $a (@agents) {
    my ($name, $real, $tz, $skills, $langs, $manager, $capacity, $role, $disabled) = @$a;
    my $email = lc($real) =~ s/ /./gr . '@kit.example.com';
    my $u = RT::User->new($system);
    my ($id, $msg) = $u->Create(Name => $name, RealName => $real, EmailAddress => $email, Timezone => $tz,
        Privileged => 1);
    die "user $name: $msg" unless $id;
    my %cf = (Skills => $skills, Languages => $langs, Capacity => [$capacity], Role => [$role],
        ($manager ? (Manager => [$manager]) : ()));
    for my $field (sort keys %cf) {
        for my $v (@{ $cf{$field} }) {
            my ($ok, $m) = $u->AddCustomFieldValue(Field => $field, Value => $v);
            die "$name $field: $m" unless $ok;
        }
    }
    $user{$name} = $u;
}
for my $team (['Kit Billing team', $queues[0], [qw(kit1 kit3 kit4 kit5)]],
              ['Kit Technical team', $queues[1], [qw(kit2 kit3 kit5)]]) {
    my ($name, $queue, $members) = @$team;
    my $g = RT::Group->new($system);
    my ($id, $msg) = $g->CreateUserDefinedGroup(Name => $name);
    die "group $name: $msg" unless $id;
    $g->AddMember($user{$_}->PrincipalId) for @$members;
    for my $right (@agent_rights) {
        my ($ok, $m) = $g->PrincipalObj->GrantRight(Right => $right, Object => $queue);
        die "$name $right: $m" unless $ok;
    }
    my ($ok, $m) = $queue->AddRoleMember(Type => 'AdminCc', PrincipalId => $g->PrincipalId);
    die "AdminCc of $name: $m" unless $ok;
    # a team is its queue's AdminCc; the rights go wider, as in many RT installations: every kit agent may own
    # tickets in every kit queue (the kit hands tickets to agents outside the ticket's team), and Kit Queue is a
    # shared intake queue with no team of its own
    for my $other (grep { $_->id != $queue->id } @queues) {
        for my $right (@agent_rights) {
            my ($ok2, $m2) = $g->PrincipalObj->GrantRight(Right => $right, Object => $other);
            die "$name $right on " . $other->Name . ": $m2" unless $ok2;
        }
    }
}
# disabled last: RT refuses group membership changes of disabled users in some versions
$user{kit4}->SetDisabled(1);

my $base = timegm(0, 0, 9, 2, 2, 2026);    # KitFixture.BASE, 2026-03-02T09:00:00Z
sub sql_time { strftime('%Y-%m-%d %H:%M:%S', gmtime(shift)) }

my @status = qw(new open open stalled resolved);
my @priority = (0, 50, 100, 120);
my ($first, @times);
for my $i (1 .. 250) {
    my $r = $i % 4;
    my $queue = $r == 0 ? $queues[2] : $r == 2 ? $queues[1] : $queues[0];
    my $owner = $r == 0 ? RT->Nobody->id : $user{"kit$r"}->id;
    my $email = "customer$i\@kit.example.org";
    my $c = RT::User->new($system);
    $c->LoadByEmail($email);
    unless ($c->id) {
        my ($id, $msg) = $c->Create(Name => $email, EmailAddress => $email, RealName => "Customer $i",
            Lang => ($i % 3 == 0 ? 'de' : 'en'), Privileged => 0);
        die "customer $i: $msg" unless $id;
    }
    my $t = RT::Ticket->new($system);
    my $mime = MIME::Entity->build(Type => 'text/plain', Charset => 'UTF-8', Data => ["Description of kit ticket $i"]);
    my %cf = ('Tags' => ['kit', 'n' . ($i % 3)], 'Channel' => ($i % 2 == 0 ? 'email' : 'web'),
        ($i % 2 == 0 ? ('Refund amount' => 10 * $i) : ()));
    my ($id, undef, $msg) = $t->Create(
        Queue => $queue->id, Subject => "Kit ticket $i", Owner => $owner, Requestor => [$email],
        Status => ($status[$i % 5] eq 'new' ? 'new' : 'open'), Priority => $priority[int($i / 3) % 4], MIMEObj => $mime,
        map { ("CustomField-" . cf_id($_) => $cf{$_}) } keys %cf);
    die "kit ticket $i: $msg" unless $id;
    $first //= $id;
    die "kit ticket ids are not consecutive" unless $id == $first + $i - 1;
    my $updated = $base - (251 - $i) * 600;
    push @times, [$id, $updated - 86400, $updated, $status[$i % 5]];
}

my %cf_ids;
sub cf_id {
    my $name = shift;
    return $cf_ids{$name} //= do {
        my $cf = RT::CustomField->new($system);
        $cf->LoadByName(Name => $name, LookupType => 'RT::Queue-RT::Ticket');
        $cf->id or die "no ticket custom field $name";
    };
}

sub as_user {
    my $name = shift;
    my $u = RT::CurrentUser->new;
    $u->Load($name);
    return $u;
}

# comments: ticket 1 has 25, ticket 2 one; each transaction's time is set below
my @comment_times;
my $t1 = RT::Ticket->new($system);
for my $n (0 .. 24) {
    my $internal = $n % 5 == 4;
    my $by = ($n % 2 == 0 && !$internal) ? 'customer1@kit.example.org' : 'kit1';
    my $t = RT::Ticket->new(as_user($by eq 'kit1' ? 'kit1' : 'root'));
    $t->Load($first);
    my $body = 'Comment ' . ($n + 1) . ' on kit ticket 1' . ($internal ? ' (internal)' : '');
    my $mime = MIME::Entity->build(Type => 'text/plain', Charset => 'UTF-8', Data => [$body]);
    my ($txn, $msg) = $internal ? $t->Comment(MIMEObj => $mime) : $t->Correspond(MIMEObj => $mime);
    die "comment $n: $msg" unless $txn;
    push @comment_times, [$txn, $times[0][1] + 600 * $n, $by];
}
{
    my $t = RT::Ticket->new($system);
    $t->Load($first + 1);
    my $mime = MIME::Entity->build(Type => 'text/plain', Charset => 'UTF-8', Data => ['The only comment on kit ticket 2']);
    my ($txn, $msg) = $t->Correspond(MIMEObj => $mime);
    die "comment on ticket 2: $msg" unless $txn;
    push @comment_times, [$txn, $times[1][1], 'customer2@kit.example.org'];
}

# the times, to the second, and the authors: straight into the database, after everything else
# RT creates a ticket only in an initial status; the fixture's stalled and resolved ones are set here
my $set_ticket = $dbh->prepare('UPDATE Tickets SET Created = ?, LastUpdated = ?, Status = ? WHERE id = ?');
my $set_txns = $dbh->prepare(q{UPDATE Transactions SET Created = ? WHERE ObjectType = 'RT::Ticket' AND ObjectId = ?});
my $set_atts = $dbh->prepare(q{UPDATE Attachments SET Created = ? WHERE TransactionId IN
    (SELECT id FROM Transactions WHERE ObjectType = 'RT::Ticket' AND ObjectId = ?)});
my $set_ocfv = $dbh->prepare(q{UPDATE ObjectCustomFieldValues SET Created = ?, LastUpdated = ?
    WHERE ObjectType = 'RT::Ticket' AND ObjectId = ?});
for my $t (@times) {
    my ($id, $created, $updated, $status) = @$t;
    $set_ticket->execute(sql_time($created), sql_time($updated), $status, $id);
    $set_txns->execute(sql_time($created), $id);
    $set_atts->execute(sql_time($created), $id);
    $set_ocfv->execute(sql_time($created), sql_time($created), $id);
}
my $set_txn = $dbh->prepare('UPDATE Transactions SET Created = ?, Creator = ? WHERE id = ?');
my $set_att = $dbh->prepare('UPDATE Attachments SET Created = ?, Creator = ? WHERE TransactionId = ?');
for my $c (@comment_times) {
    my ($txn, $at, $by) = @$c;
    my $u = RT::User->new($system);
    $u->Load($by);
    die "no user $by" unless $u->id;
    $set_txn->execute(sql_time($at), $u->id, $txn);
    $set_att->execute(sql_time($at), $u->id, $txn);
}
$dbh->do('UPDATE Scrips SET Disabled = 0 WHERE id IN (' . join(',', @scrips) . ')') if @scrips;

print 'RT_KIT_TICKET_OFFSET=' . ($first - 1) . "\n";
print 'RT_KIT_QUEUE_OFFSET=' . ($queues[0]->id - 1) . "\n";
