#include "keepalive/busyout.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace gw::keepalive {
namespace {

using S = TargetState;

TEST(Busyout, NoConfiguredTargetIsNeverBusy) {
  BusyoutMonitor m;
  EXPECT_EQ(m.update({}), BusyoutChange::unchanged);
  EXPECT_FALSE(m.busy());
}

TEST(Busyout, SingleTargetBusiesOutWhenDownAndUnbusiesWhenUp) {
  BusyoutMonitor m;
  std::vector<S> t{S::up};
  EXPECT_EQ(m.update(t), BusyoutChange::unchanged);
  t[0] = S::down;
  EXPECT_EQ(m.update(t), BusyoutChange::busyout);
  EXPECT_TRUE(m.busy());
  EXPECT_EQ(m.update(t), BusyoutChange::unchanged);  // only on change
  t[0] = S::up;
  EXPECT_EQ(m.update(t), BusyoutChange::unbusy);
  EXPECT_FALSE(m.busy());
}

TEST(Busyout, TwoTargetsBusyOnlyWhenBothAreDown) {
  BusyoutMonitor m;
  std::vector<S> t{S::down, S::up};
  EXPECT_EQ(m.update(t), BusyoutChange::unchanged);
  t[1] = S::down;
  EXPECT_EQ(m.update(t), BusyoutChange::busyout);
  t[0] = S::up;  // the primary alone coming back is enough
  EXPECT_EQ(m.update(t), BusyoutChange::unbusy);
  t[1] = S::up;
  EXPECT_EQ(m.update(t), BusyoutChange::unchanged);
}

TEST(Busyout, RemovingTheLastTargetUnbusies) {
  BusyoutMonitor m;
  std::vector<S> t{S::down};
  ASSERT_EQ(m.update(t), BusyoutChange::busyout);
  EXPECT_EQ(m.update({}), BusyoutChange::unbusy);
}

TEST(Busyout, ChangeNames) {
  EXPECT_EQ(to_string(BusyoutChange::busyout), "busyout");
  EXPECT_EQ(to_string(BusyoutChange::unbusy), "unbusy");
}

}  // namespace
}  // namespace gw::keepalive
